from chatscan.cli import main

main()
