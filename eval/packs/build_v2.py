# ruff: noqa: E501  (rule patterns read best on one line each)
"""Generates the built-in message-mode pack ``v2`` (tuned on eval/dev.jsonl only).

Patterns are written here as raw Python strings with a plain '; the pack sets
`apostrophes: any`, so every ' matches straight and curly apostrophes.
RULES were written against eval/dev.jsonl; GENERAL are phrase families written from the
category definitions in eval/GUIDELINES.md (paraphrases a careful reader would mark),
then checked on dev for false positives. Neither was written from eval/heldout.jsonl.
Run: .venv/bin/python eval/packs/build_v2.py
"""

from pathlib import Path

import yaml

H, P, B, E, S, C = (
    "HARM_LANGUAGE",
    "PROTECTOR_CLAIM",
    "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE",
    "SURVEILLANCE_CLAIM",
    "CONTROL_ACCESS",
)
PH, TK = "PHRASE", "TOKEN"

PHRASE_SCORE = 0.9
TOKEN_SCORE = 0.6
NEG = {"negation_window": 3}
LAUGH = r"(?![^.!?]{0,40}(?:😂|🤣|😆|😜|lol|lmao|haha|jk\b|joking))"
THIRD = r"(?:he|she|they|you|u)"
MAT = r"(?:pics|pictures|photos|videos?|vids|nudes|screenshots|screenies|texts|messages|recordings|chats|dms|emails)"
WHO = (
    r"(?:your|ur) (?:\w+ )?(?:boss|manager|work|job|mum|mom|mam|ma|dad|parents|family|sister|brother|nan|gran|wife|husband"
    r"|church|community|friends|mates|colleagues|team|school|kids|ex|new (?:man|bloke|girl|boyfriend|girlfriend)|employer|landlord|followers)"
)
PRON = r"(?:me|you|her|him|them|us)"
FAM = (
    r"(?:boss|manager|work|job|mum|mom|mam|dad|parents|family|sister|brother|uncle|aunt"
    r"|nan|gran|wife|husband|church|mosque|community|friends|colleagues|team|school|kids)"
)

RULES = [
    # ---------------- HARM_LANGUAGE ----------------
    (
        H,
        PH,
        "scared_of_person",
        r"\b(?:scared|afraid|frightened|terrified) (?:of (?:you|him|her|them|what (?:you|he|she|they)|how (?:angry|mad)|what'?s going to happen)"
        r"|to (?:come home|go home|go back|leave|even reply|reply|answer|tell (?:him|her)|be alone with)|for my (?:life|safety)(?! on))\b(?![^.!?]{0,40}(?:😂|🤣|lol|haha|lmao))",
        "Fear of a person or for one's safety because of one.",
        NEG,
    ),
    (
        H,
        PH,
        "scaring_me",
        r"\b(?:you'?re|you are|he'?s|he is|she'?s|she is|it'?s|that'?s)(?: \w+)? (?:scaring|frightening|terrifying) me\b",
        None,
    ),
    (
        H,
        PH,
        "made_me_scared",
        r"\b(?:you|he|she) (?:made|make|makes) me (?:so |really |feel )?(?:scared|afraid|frightened|terrified|unsafe)\b",
        None,
        NEG,
    ),
    (
        H,
        PH,
        "i_was_scared_bare",
        r"\b(?:i was|i'?m|i am|i said i was) (?:so |really |genuinely )?(?:scared|terrified|frightened)(?= *(?:[.!,]|$))",
        "Fear stated as such, not of exams/films (those usually have an object).",
        NEG,
    ),
    (
        H,
        PH,
        "frightening",
        r"\b(?:frightening|intimidat(?:e|ed|ing|ion)|abus(?:e|ive|ed|ing))\b",
        None,
    ),
    (
        H,
        PH,
        "in_danger",
        r"\b(?:in danger|feel unsafe|not safe (?:with|around|near) (?:him|her|you|them)|(?:are|r) you safe (?:right now|now|there)|is he still there)\b",
        None,
    ),
    (
        H,
        PH,
        "violence_on_person",
        r"\b(?:hit|hitting|hits|punch(?:ed|es|ing)?|slap(?:ped|ping|s)?|kick(?:ed|ing)?|shov(?:e|ed|ing)|grabb(?:ed|ing)|chok(?:e|ed|ing)|strangl(?:e|ed|ing)|push(?:ed)?)"
        r" (?:me|her|you|my|doors?|walls?|the (?:door|wall))\b(?! up)",
        "Physical violence on a person, or on doors and walls.",
        NEG,
    ),
    (
        H,
        PH,
        "laid_a_finger",
        r"\b(?:laid|lay|put) a finger on\b|\b(?:never|i'?ve never|he'?s never) touched (?:you|me|her)\b",
        None,
    ),
    (
        H,
        PH,
        "threw_at",
        r"\b(?:threw|throw|throws|thrown|smash(?:ed|es|ing)?|broke|break|smash) (?:a |the |my |your |his |her )?\w+ (?:at|next to|near) (?:me|my|you|your|her|the wall)\b",
        None,
    ),
    (
        H,
        PH,
        "smash_my_thing",
        r"\b(?:smash|break|wreck|destroy)(?:ed|s|ing)? (?:my|your|her|his) (?:phone|laptop|stuff|things|car|tv)\b",
        None,
    ),
    (
        H,
        PH,
        "threatened_person",
        r"(?<!are )(?<!r )\b(?:he|she|they|you|dad|mum) (?:threaten(?:ed|s|ing)?|(?:was|is|were|are) threatening) (?:her|him|me|you|them|us|to (?!leak|post|expose|tell|send|share|show))",
        "Reported threat, not about exposure.",
    ),
    (
        H,
        PH,
        "cant_leave",
        r"\b(?:wouldn'?t|won'?t|doesn'?t|didn'?t|don'?t) let me (?:leave|go|out|sleep|eat)\b|\bcan'?t keep me (?:here|in|locked)\b|\b(?:let|locked) me (?:in|out) (?:of )?(?:the|my)? ?(?:room|house|flat|bathroom)\b",
        None,
    ),
    (
        H,
        PH,
        "not_going_anywhere",
        r"\byou(?:'re| are) not (?:going|leaving) anywhere\b|\b(?:until|till) we sort this out\b",
        None,
    ),
    (
        H,
        PH,
        "felt_trapped",
        r"\b(?:felt|feel|feeling)(?: so)? trapped\b(?! in (?:this|the|a) (?:library|meeting|queue|office|lift|traffic))(?![^.!?]{0,40}(?:lol|😂|haha|lmao))",
        None,
        NEG,
    ),
    (H, PH, "duress", r"\bunder duress\b(?! how)", None),
    (
        H,
        PH,
        "yelling_at_me",
        r"\b(?:kept|keeps|was|started|always) (?:yelling|screaming|shouting)\b(?! (?:at the (?:tv|screen)|up the stairs|the harmonies))|\b(?:yell|scream|shout)(?:ed|s|ing)? (?:at|in) (?:me|my face|her|him)\b",
        None,
    ),
    (
        H,
        PH,
        "see_what_happens",
        r"\bsee what happens\b|\byou'?ll regret\b|\byou'?ll be sorry\b|\bdon'?t make me come (?:over|round|there)\b",
        None,
    ),
    (
        H,
        PH,
        "thrown_out",
        r"\bdon'?t bother coming back\b|\byour (?:stuff|things|clothes) (?:will be|is going|are going|goes) (?:on|in|out)",
        None,
    ),
    (
        H,
        PH,
        "hurt_you",
        r"\b(?:i'?d|i would|i'?ll|i will|he'?ll|he'?d|said (?:i'?d|he'?d)|going to|gonna|never) (?:hurt|hit) (?:you|me|her)\b",
        "Threats and denials of harm.",
    ),
    (H, PH, "trying_to_hit", r"\btrying to (?:hit|hurt) (?:you|me|her)\b", None),
    # ---------------- PROTECTOR_CLAIM ----------------
    (
        P,
        PH,
        "keep_you_safe",
        r"(?<!there to )\b(?:keep|keeping|keeps) (?:you|us|us both|her|him|them|this family)(?: all| both)? (?:safe|together)\b(?! till)(?! lol)",
        None,
    ),
    (P, PH, "for_your_own_good", r"\bfor your own good\b", None),
    (
        P,
        PH,
        "protecting_you",
        r"\b(?:i'?m|i am|just|only|was|want to|trying to) (?:just |only )?(?:protect|protecting) (?:you|her|him|them|us)\b",
        None,
    ),
    (
        P,
        PH,
        "because_i_love",
        r"\bbecause i (?:love|care about|worry about) (?:you|u|this family)\b|\bbecause i (?:care|worry)\b(?! about (?!you))|\bi (?:just |only )?care about you\b|\blove you (?:so much|too much|more than)",
        None,
    ),
    (
        P,
        PH,
        "want_you_safe",
        r"\b(?:want|need|wanted) (?:you|her|him) (?:safe|protected)\b|\b(?:make sure|know|knows|sure) (?:you'?re|i'?m|she'?s|he'?s) (?:ok|okay|safe|alright)\b",
        None,
    ),
    (
        P,
        PH,
        "someone_has_to",
        r"\b(?:someone|somebody) (?:has|needs|got) to (?:look out for|look after|make sure|keep (?:you|an eye)|protect|watch out for)\b|\b(?:someone|somebody) has to[.!]*$",
        None,
    ),
    (P, PH, "look_out_for", r"\blook(?:ing|s)? (?:out for|after) (?:you|us|me|her|him)\b", None),
    (
        P,
        PH,
        "its_safer",
        r"\bit'?s safer\b|\bkeeps? us (?:both )?safe\b|\b(?:be|is|are) safe with (?:us|me)\b|\bsafe with us\b|\b(?:nobody|no one) (?:can|will|could|is going to) (?:get to|hurt|touch) you\b",
        None,
    ),
    (
        P,
        PH,
        "wont_have_to_worry",
        r"\byou won'?t have to worry\b|\bnothing bad (?:ever )?happens to you\b|\bdon'?t want anything to happen to you\b",
        None,
    ),
    (P, PH, "protecting_from", r"\bprotect(?:ing)? you from\b", None),
    (P, PH, "walk_you", r"\bwe(?:'ll)? walk you (?:to|home)\b", None),
    (P, PH, "you_need_rest", r"\byou need (?:to rest|your rest|a rest)\b", None),
    (
        P,
        PH,
        "i_get_like_this",
        r"\bi (?:only|just) (?:do|did|listen|check|read|look)\w* (?:\w+ )?because i\b",
        None,
    ),
    # ---------------- BOUNDARY_LANGUAGE ----------------
    (
        B,
        PH,
        "please_dont",
        r"\bplease,? (?:don'?t|do not|stop|leave me|just stop)\b(?! (?:forget|worry|be late|panic|mind|rush))|\bi'?m begging you\b",
        None,
    ),
    (
        B,
        PH,
        "stop_behaviour",
        r"\bstop (?:texting|messaging|calling|contacting|following|reading|tracking|watching|emailing|touching|filming|recording) (?:me|my)\b|\bstop (?:checking up|asking|doing this|turning up|showing up|coming round|coming here)\b|\bstop \w+ing my\b|(?:^|[.!?] )(?:please |just )?stop(?:[.!]|$)",
        None,
    ),
    (
        B,
        PH,
        "dont_contact",
        r"\b(?:don'?t|do not|never) (?:text|message|call|contact|email|dm|visit|touch|come (?:to|near|round|by|here|there))(?: me| this number| my\b)(?! (?:before|after|until|till|on \w+day))",
        None,
    ),
    (
        B,
        PH,
        "leave_me_alone",
        r"\bleave me alone\b|\bstay away from me\b|\bstay out of my\b|\bget out of my (?:room|flat|house)\b",
        None,
    ),
    (
        B,
        PH,
        "need_space",
        r"\b(?:need|want|give me|asking for|ask for)(?: some| a bit of| more| a little)? (?:space|time alone|time apart)\b(?! (?:in|on|for) the)|\btime to think[.!]*$|\bspace (?:for what|from (?:you|this|him|her))\b",
        None,
    ),
    (
        B,
        PH,
        "not_comfortable",
        r"\bnot comfortable\b|\bnot ready (?:to (?:see|talk|meet|move|sleep|have|be|go back)|for (?:that|this|more|sex|a relationship|you))\b|\bi'?m not ready[.!,]*$",
        None,
    ),
    (
        B,
        PH,
        "privacy_person",
        r"(?<!what )\b(?:about|my|your|our|her|his|family'?s) privacy\b(?! polic)|\bprivacy (?:is|was) (?:for|mine|important)\b|\bprivacy (?:settings|choices) so\b|\bprivacy choices\b",
        None,
    ),
    (
        B,
        PH,
        "private_between_us",
        r"\b(?:those|that|these|it)(?: (?:were|was|is|are)|'s) (?:very |really |my |our |personal(?:, )?)?private\b(?! (?:school|event|party|hire|room|members|beach|jet|sale|lesson|road|parking|practice|hospital|clinic))|\bthat'?s between us\b|\bi'?m (?:a bit |quite |very )?private\b",
        None,
    ),
    (
        B,
        PH,
        "not_yours_to",
        r"\bnot yours to\b|\byou don'?t get to (?:go through|read|look|take|check)\b|\bdoesn'?t mean you get to\b|\byou(?:'re| are) not allowed to (?:take|read|go through|check|touch)\b|\byou had no right\b",
        None,
    ),
    (
        B,
        PH,
        "securing_own",
        r"\b(?:i'?m|i am|i'?ve|i have|i) (?:just )?(?:chang(?:ed|ing|e)|reset(?:ting)?) my (?:passcode|password|pin|locks?|number)\b|\blogged you out\b",
        None,
    ),
    (
        B,
        PH,
        "blocked",
        r"\bblock(?:ed|ing)? (?:him|her|you|me|them)\b|\b(?:i|i've|i have|you|you've|he|he's|she|she's) (?:just |already )?(?:blocked|unblocked)\b",
        None,
    ),
    (
        B,
        PH,
        "help_seeking",
        r"\b(?:i'?ll|i will|i'?m|i am|i'?ve|i have|i)(?: \w+){0,4} (?:to the police|the police|a lawyer|my lawyer|a solicitor|to hr)\b|\b(?:restraining|no[- ]contact|protective|non[- ]molestation) order\b",
        "Enforcing a limit by seeking help.",
    ),
    (
        B,
        PH,
        "saved_evidence",
        r"\bi'?(?:ve| have)? (?:saved|screenshotted|kept) (?:every|all)(?: of)? (?:the |your |this )?(?:message|text|screenshot)s?\b|\bi'?m screenshotting\b|\bforwarding these\b",
        None,
    ),
    (
        B,
        PH,
        "you_cant_keep",
        r"\byou can'?t (?:keep doing this|keep doing that|just cut me|throw me out|keep me|make me|keep texting|keep messaging)\b|\bcut me out\b|\bghost(?:ed|ing)? me\b",
        None,
    ),
    (
        B,
        PH,
        "told_you_over",
        r"\bi (?:told|said to) you (?:it was over|no|i didn'?t want|to stop|not to)\b|\bi asked you (?:to stop|not to)\b|\bi said no\b(?! (?:already|to the|mushrooms|thanks))|\bi mean(?:t)? it[.!]*$",
        None,
    ),
    (
        B,
        PH,
        "refusal",
        r"\bno[.,!]+ (?:not this time|i'?m not|i won'?t|you'?re not|it'?s my)\b|\bno \w+[.,] i'?m not\b|\bi'?m not (?:giving|handing|doing that|coming|sending) (?:you|it|them|that|again|tonight|back)?\b",
        None,
    ),
    (
        B,
        PH,
        "changed_because",
        r"\bi changed (?:it|them|the \w+|my \w+) (?:because|so) (?:you|he|she)\b|\bi want (?:every|all|those|the)[\w ]{0,30} deleted\b|\b(?:that|the|your) app off my (?:phone|laptop)\b",
        None,
    ),
    (
        B,
        PH,
        "dont_want_you_near",
        r"\bdon'?t want you (?:near|at|in|around|to come|coming|here|there)\b",
        None,
    ),
    (
        B,
        PH,
        "my_own",
        r"\bi can (?:manage|handle|do|look after) my own\b|\bi want to keep my\b|\bi'?d rather (?:we|you) (?:don'?t|didn'?t|not) (?:post|share|tell|talk about|put|come|text|call)\b|\bwe'?d rather (?:he|she|they)'?s? not\b",
        None,
    ),
    (
        B,
        PH,
        "ill_tell_mum",
        r"\bi'?ll tell (?:mum|mom|dad|the teacher|miss)\b",
        "A child's boundary.",
    ),
    (
        B,
        PH,
        "dont_involve",
        r"\bdon'?t (?:involve|bring) (?:my|uncle|auntie|\w+) (?:\w+ )?in(?:to)? this\b",
        None,
    ),
    (
        B,
        PH,
        "ended_it",
        r"\bwe broke up\b(?! the)|\bi ended it\b|\bit'?s over\.? (?:don'?t|stop|leave)",
        None,
    ),
    (B, PH, "not_able", r"\bi'?m not able to do\b", None),
    (
        B,
        PH,
        "boundary_word",
        r"\bboundar(?:y|ies)\b(?! (?:fence|off|wall|line|hedge))(?<!hit a boundary)(?<!on the boundary)",
        None,
    ),
    # ---------------- THREAT_OF_EXPOSURE ----------------
    (
        E,
        PH,
        "your_x_gets",
        r"\byour (?:whole )?(?:little )?"
        + FAM
        + r"\b.{0,40}\b(?:gets? (?:those|these|the|them|it|your|a copy|to see|sent|an? (?:email|message|link|video))|getting (?:the|those|them|it|your)|will (?:see|know|hear|find out|get (?:those|the|them|it|to|an?))|can hear|would love to (?:see|read|hear|know)|finds? out|sees? (?:those|the|them|it|your|what))\b",
        "Someone in their life gets/sees/hears the material.",
    ),
    (
        E,
        PH,
        "everyone_will_know",
        r"\b(?:everyone|everybody|the whole (?:\w+ )?(?:community|family|group|office|school|church|team|street)|your (?:whole )?"
        + FAM
        + r")(?: \w+){0,3} (?:(?:will|is going to|gonna|would|'ll) (?:know|hear|see|find out|learn)(?: (?:what|about|who|the truth|everything|how|by|why|it all)\b|[.!?]|$)|(?:sees|hears|gets) (?:those|the|your|what|about|it|them)\b)",
        None,
    ),
    (
        E,
        PH,
        "ill_tell_your",
        r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|maybe i'?ll|i could|i can|he'?ll|he will|she'?ll|he'?d|she'?d) (?:tell|show|send|speak to|talk to|email|message|ring|call|forward)(?: it| them| this| these| those| that| everything)? (?:to )?(?:your|everyone|everybody|people|the whole)\b(?!(?: \w+)? (?:you|u) (?:said|say|says))",
        None,
    ),
    (
        E,
        PH,
        "expose_you",
        r"\b(?:i'?ll|i will|going to|gonna) (?:expose|ruin|out) you\b|\bexpose you to\b",
        None,
    ),
    (
        E,
        PH,
        "leak_them",
        r"\b(?:i|he|she|we) (?:leak|post|send|share|upload|expose|release)(?:ed|s)? (?:them|it|those|the (?:pics|pictures|photos|videos|video|screenshots|texts))\b|\b(?:never|not) (?:post|leak|send|share) them\b",
        None,
    ),
    (
        E,
        PH,
        "got_the_material",
        r"\bi'?ve (?:got|still got|kept) (?:the|your|those|all the|all your|a few)(?: \w+)? (?:videos?|pics|pictures|photos|nudes|screenshots|recordings)(?=[.!,]|$| of you)|\b(?:nobody|no one) has to see (?:them|it|those)\b",
        None,
    ),
    (
        E,
        PH,
        "people_found_out",
        r"\b(?:imagine if|what if|would hate (?:it )?if) (?:people|everyone|your \w+) (?:found out|knew|saw|heard)\b|\bexplaining (?:things|this|that|it) to your\b",
        None,
    ),
    (E, PH, "keep_between_us", r"\bkeep (?:your|this|it|that)\b[\w ]{0,30}\bbetween us\b", None),
    (
        E,
        PH,
        "if_you_send",
        r"\bif you (?:send|post|share|show) (?:anything|them|those|it|that|my \w+)(?: \w+)? to (?:my|your|anyone|everyone|people)\b",
        None,
    ),
    (
        E,
        PH,
        "tell_everyone_what",
        r"\btell (?:everyone|people|them all|the whole \w+)(?: at \w+)? (?:what|about|why|how|the truth)\b|\bpeople to know the truth\b",
        None,
    ),
    (
        E,
        PH,
        "icloud_login",
        r"\bi still (?:know|have|got) your (?:\w+ )?(?:login|password|passcode)\b",
        None,
    ),
    # ---------------- SURVEILLANCE_CLAIM ----------------
    (
        S,
        PH,
        "read_messages",
        r"\b(?:read|reading|reads|went through|go through|going through|goes through|look(?:ed|ing)? (?:at|through)|snoop(?:ed|ing)? (?:in|through)|checked|checking|checks|scroll(?:ed|ing)? through)(?: all)? (?:my|your|his|her)(?: \w+)? (?:messages|texts|phone|chats|dms|whatsapp|bag|browser|search history|call log|notifications|diary|emails)\b",
        None,
    ),
    (
        S,
        PH,
        "went_through_it",
        r"\b(?:kept|keep|keeps|been) (?:going|looking) through (?:it|my|your)\b|\bi looked at (?:one|a|the) message\b",
        None,
    ),
    (
        S,
        PH,
        "location",
        r"\b(?:your|her|his|my) (?:location|last seen|find my)\b(?<!my location)|\blocation (?:is |was |went )?(?:off|on|says|shows)\b|\b(?:checks|checked|checking|track|tracks|tracked|tracking|watches|watched|watching) (?:my|your|her|his) (?:location|phone|whereabouts|car|movements)\b|\b(?:i|he|she) (?:only |just |always )?(?:check|track|watch) (?:my|your|her|his) (?:location|phone|whereabouts|movements)\b",
        None,
    ),
    (
        S,
        PH,
        "i_can_see_where",
        r"\bi (?:can see|know|knew|saw) (?:exactly )?where you (?:are|were|went|go)\b|\bi have my ways\b|\bhow (?:did|do|does|would) (?:you|he|she) (?:even )?know\b",
        None,
    ),
    (
        S,
        PH,
        "spy_app",
        r"\b(?:put|installed|install|installing|added) (?:an? )?(?:app|tracker|spyware|airtag|gps)\b|\bthat app off my\b|\bspyware\b|\bspying on (?:me|you|u|her|him|my|us)\b|\b(?:stop|you'?re|ur|you are|been|was|is|keeps?|that'?s|thats|not|call it) spying\b|\bspy(?:ing)? (?:app|on (?:me|you|u|her|my))\b|\bstalk(?:ing|ed)? (?:me|you|her)\b",
        None,
    ),
    (
        S,
        PH,
        "watching_person",
        r"\b(?:been|was|were|i'?m|am|are|keep|kept|always|be) watching (?:me|you|your|her)\b(?! from the)|\bwatching is a\b",
        None,
    ),
    (
        S,
        PH,
        "follow_me",
        r"\bfollow(?:ing|ed|s)? (?:me|you|her)\b(?! on )|\bhaving someone follow\b",
        None,
    ),
    (
        S,
        PH,
        "saw_you",
        r"\b(?:saw|seen|spot|spotted|watched) you (?!later|soon|tomorrow|there\b|playing|play|sing|singing|perform)(?:\w+ing|with|through|outside|leave|go|get|pack|talk|kiss|hug)|\bi'?ve seen how\b|\bwasn'?t hard to spot\b",
        None,
    ),
    (
        S,
        PH,
        "drive_past",
        r"\b(?:drove|drive|driving|walked|walking) past (?:your|yours|you|her|his)\b|\b(?:drove|driving) past[.!]|\bstop driving past\b|\boutside (?:my|your) (?:work|house|flat|place|office)\b|\bi was (?:just )?in the area\b|[\x22“]in the area[\x22”]",
        None,
    ),
    (
        S,
        PH,
        "recording_person",
        r"\b(?:record(?:ed|ing|s)?|film(?:ed|ing|s)?|tape[ds]?|taping) (?:me|you|her|my calls|your calls|the call|our|us|my|everything you)\b|\bevery recording\b|\blisten(?:ing|ed)? in\b|\bi heard (?:you|what you said)\b(?! (?:got|were|are|had|have|the first))",
        None,
    ),
    (
        S,
        PH,
        "hidden_camera",
        r"\b(?:hidden|secret|spy) (?:camera|cam|microphone|mic|recorder)\b|\bcamera in (?:the|my|our) (?:hall|bedroom|bathroom|room|living room|house|flat)\b(?! (?:caught|shows))(?![^.!?]{0,30}(?:dog|cat|pet|parcel|delivery|baby))",
        None,
    ),
    (
        S,
        PH,
        "checking_up",
        r"\bcheck(?:ing|s)? up on\b|\bnotices everything\b|\btells? me everything\b|\bi'?ll check who\b|\bhaving (?:me|you|her) followed\b",
        None,
    ),
    (S, PH, "nothing_to_hide_s", r"\b(?:nothing|something) to hide\b", None),
    (
        S,
        PH,
        "online_at",
        r"\bwhy (?:were|was) (?:you|she|he) online\b|\bwho (?:were|was) you (?:texting|talking to|messaging)\b",
        None,
    ),
    (
        S,
        PH,
        "nice_x_with",
        r"\bnice (?:chat|coffee|lunch|dress|drink|walk|dinner|hug)s? with \w+\b",
        None,
    ),
    (
        S,
        PH,
        "so_i_know",
        r"\bso i (?:know|can see|can check) (?:you'?re not|who|where|what)\b",
        None,
    ),
    (
        S,
        PH,
        "access_phone",
        r"\b(?:anyone|he|she)(?: else)? (?:has|have) access to (?:this|your|my) phone\b",
        None,
    ),
    (
        S,
        PH,
        "brother_saw",
        r"\b(?:brother|sister|mate|friend|cousin|uncle)(?:'s)? (?:\w+ )?(?:saw|seen|spotted) you\b",
        None,
    ),
    # ---------------- CONTROL_ACCESS ----------------
    (
        C,
        PH,
        "give_me_your",
        r"\b(?:give|send|hand|show|pass) (?:me|over) your (?:\w+ )?(?:phone|password|passcode|pin|login|card|keys?|wages|money|passport|laptop)\b",
        None,
    ),
    (
        C,
        PH,
        "whats_your_passcode",
        r"\bwhat'?s your (?:\w+ )?(?:passcode|password|pin|login)\b|\bif (?:i|you) (?:didn'?t|don'?t|won'?t|wouldn'?t) unlock\b",
        None,
    ),
    (
        C,
        PH,
        "you_dont_need",
        r"\byou don'?t need (?:a job|your own|a card|money|a phone|a car|to go on|to work|your card|your phone|a bank)\b",
        None,
    ),
    (
        C,
        PH,
        "permission_spend",
        r"\b(?:ask|asking) (?:me )?(?:before you (?:spend|buy|take|go)|permission)\b|\bbefore you spend\b|\bwithout asking permission\b",
        None,
    ),
    (
        C,
        PH,
        "wages_go_into",
        r"\byour (?:wages|salary|pay|pension|benefits|money|card|payslip)\b.{0,30}\b(?:go(?:es)? (?:into|to|straight to) (?:my|mine|me|an account i)|over to me)\b|\bsend your (?:wages|salary|pay) over\b|\bsend (?:me )?your (?:wages|salary|pay)\b",
        None,
    ),
    (
        C,
        PH,
        "ill_handle",
        r"\b(?:i'?ll|i will|let me) (?:handle|manage|look after|take care of|sort) (?:all that|all the bills|all the money|your money|everything|it all|your (?:money|wages|pension|benefits|card|bank|finances|account))\b|\bi manage your\b|\ban account i (?:manage|control)\b",
        None,
    ),
    (
        C,
        PH,
        "when_i_see",
        r"\bwhen i see the receipt\b|\byou'?ll get (?:money|it|the code|your \w+|them|the \w+)(?: \w+)? when\b|\bi didn'?t see a receipt\b",
        None,
    ),
    (
        C,
        PH,
        "pay_what_i_tell",
        r"\b(?:pay|spend|buy|do) what i (?:tell|say)\b|\b(?:money|card|allowance|rent|tuition|fees)(?: \w+)? comes from me\b|\ba week should be (?:plenty|enough)\b",
        None,
    ),
    (
        C,
        PH,
        "housing_power",
        r"\bmy name on the (?:lease|tenancy|deeds|mortgage)\b|\bmy (?:flat|house|home)\b.{0,20}\bmy (?:name|lease|rules)\b|\broof over your head\b|\byou live here because\b|\bfollow my rules\b|\bon the (?:tenancy|lease) too\b|\bthrow (?:me|you) out\b",
        None,
    ),
    (
        C,
        PH,
        "changed_code",
        r"\b(?:i'?ve |i )?chang(?:ed|ing) the (?:code|locks?|wifi password)\b|\bkey to my own\b|\bi(?:'ve)? (?:changed|reset) your (?:password|passcode|pin|login)\b(?![^.]{0,30}(?:(?:like|as) you asked|temporary))",
        None,
    ),
    (
        C,
        PH,
        "take_phone",
        r"\btak(?:e|en|ing) (?:my|your) (?:phone|keys|car keys|card|passport|laptop)\b|\bput your (?:phone|passport|keys|card) in\b|\bmy (?:phone|laptop|passport|card|keys) back\b|\bwon'?t give (?:it|them) back\b|\b(?:got|have|took|taken|hid|hidden|keeping) (?:the car keys|your (?:car )?keys)\b|\bcan'?t have the car\b",
        None,
    ),
    (
        C,
        PH,
        "stuff_on_street",
        r"\byour (?:stuff|things|clothes) (?:will be|is going|are going|goes) (?:on|in|out)(?: the| on| in)? ?(?:street|road|bin|bags?|skip|drive)\b",
        None,
    ),
    (
        C,
        PH,
        "locked_drawer",
        r"\b(?:he|she|they) keeps? (?:them|it|my \w+) (?:in a locked|locked)\b",
        None,
    ),
    (
        C,
        PH,
        "bad_with_money",
        r"\byou'?re (?:rubbish|useless|hopeless|bad|terrible) with money\b|\bwhat you'?re like with money\b|\bwith your money\b|\bcounts? (?:the|my) money\b",
        None,
    ),
    (
        C,
        PH,
        "photos_hostage",
        r"\b(?:has|have|still has|kept|keeps|took|taken) (?:my|your) (?:old )?(?:laptop|phone|photos|passport|id|documents|bank card|card)\b|\bthreatened to (?:wipe|delete)\b|\bdelet(?:e|ed|ing) (?:all )?(?:my|your) (?:photos|pics|files|account)\b",
        None,
    ),
    # ---- paraphrases from eval/GUIDELINES.md examples, added for generalisation ----
    (
        H,
        PH,
        "injury_marks",
        r"\b(?:marks|bruises?|bruised) (?:on|all over|this morning|from)\b|\blocked myself in\b|\bi'?m (?:still )?shaking\b|\bdon'?t know what (?:he|she)'?(?:ll| will) do\b",
        None,
    ),
    (
        H,
        PH,
        "kids_threat",
        r"\byou'?ll never see (?:the|your|my) (?:kids|children|son|daughter)\b|\b(?:take|taking) the (?:kids|children) (?:away|off you)\b|\bno point in me being here\b",
        None,
    ),
    (
        P,
        PH,
        "everything_i_do",
        r"\beverything i do is (?:for|so|to|because)\b|\bthat'?s why i (?:decide|check|keep|need to know)\b",
        None,
    ),
    (
        B,
        PH,
        "my_phone_is_mine",
        r"\bmy phone is mine\b(?! again)|\b(?:it'?s|that'?s) my phone(?:[.!,]+ (?:you|not)| not yours|[.!]*$)",
        None,
    ),
    (
        E,
        PH,
        "one_tap",
        r"\bone (?:tap|click|word|message|call|post) and (?:it'?s|they'?re|everyone|the whole|your|i (?:send|post|leak|share))|\bimagine (?:if )?your \w+ (?:opening|seeing|reading|finding|getting|hearing)\b",
        None,
    ),
    (
        E,
        PH,
        "send_material_to",
        r"\b(?:send|show|post|forward|share|email)\w* (?:the|those|your|my|all)(?: \w+)? (?:videos?|pics|pictures|photos|nudes|screenshots|texts|messages|recordings) to (?:your|his|her|everyone|the whole|my (?:work|boss|job|family|parents|church|school))\b",
        None,
    ),
    (
        E,
        PH,
        "tell_the_judge",
        r"\b(?:tell|show) (?:the )?(?:judge|court|social services|school|your (?:boss|employer|hr))\b(?: \w+)? (?:what|about|that you|you'?re|how)\b",
        None,
    ),
    (
        E,
        PH,
        "material_goes",
        r"\b(?:the |your |those |my )?(?:pics|pictures|photos|videos?|nudes|screenshots|texts) (?:go|goes|going|get sent|are going|will go|end up) (?:to|online|up|public|everywhere)\b",
        None,
    ),
    (
        S,
        PH,
        "on_the_map",
        r"\bsee you(?:'re| are)?(?: still)? (?:at|in) [^.!?]{0,30}\bon the (?:map|app)\b|\byou(?:'re| are| were) still at \w+'s\b",
        None,
    ),
    (
        S,
        PH,
        "proof_pic",
        r"\bsend (?:me )?a (?:pic|photo|selfie|video)\b.{0,20}\bso i (?:know|can see)\b",
        None,
    ),
    (
        C,
        PH,
        "router_off",
        r"\b(?:router|wifi|internet|data) off (?:till|until)\b|\bwhy did you (?:take|spend|withdraw|take out) £?\d",
        None,
    ),
    (
        C,
        PH,
        "know_your_login",
        r"\bi (?:still )?(?:know|have) your (?:\w+ )?(?:login|password|passcode|pin)\b",
        None,
    ),
]

GENERAL = [
    # ---------------- HARM_LANGUAGE ----------------
    (
        H,
        PH,
        "youll_pay",
        r"\byou'?(?:ll| will|re going to|re gonna) (?:pay for (?:this|that|it)|be sorry|regret (?:this|it|that|the day|ever)|get what'?s coming)\b"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "get_hurt",
        r"\b(?:you|u|someone|somebody|people|he|she)(?:'ll| will|'s going to|'re going to|'re gonna|'s gonna| is going to| are going to| gonna) get (?:hurt|what'?s coming)\b"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "ill_make_you",
        r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|i swear i'?ll) (?:make you (?:pay|regret|suffer|sorry)|make your life (?:hell|a misery)|destroy you|end you|break your (?:neck|legs?|face|jaw|arm|nose)|smash your (?:face|head)|finish you)\b"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "watch_your_back",
        r"\bwatch your back\b|\bi know where you (?:live|work|sleep)\b|\blast warning\b|\bdon'?t (?:test|push) me\b|\byou don'?t want to see me (?:angry|mad|lose it)\b|\bwhat happens next is on you\b",
        None,
    ),
    (
        H,
        PH,
        "he_hurt_me",
        r"\b(?:he|she|they|you|dad|mum) (?:hurt|beat|beats|beaten|attacked|assaulted|strangled|choked|pinned|dragged|threw|bit|burned|burnt|kicked|slapped|hit|punched|shoved|pushed|grabbed|forced|raped|spat at|headbutted) (?:me|her|him|us|my (?:mum|mom|sister|brother|wife|son|daughter|face|arm|wrist|neck|hair))\b",
        NEG,
    ),
    (
        H,
        PH,
        "physical_report",
        r"\b(?:put|laid) (?:his|her|their) hands on (?:me|her|you)\b|\bgot (?:physical|violent|rough)\b|\bheld me down\b|\bbeat me up\b|\bblack eye\b|\bsplit (?:my )?lip\b|\bhand (?:around|round) my (?:throat|neck)\b|\bby (?:the|my) (?:hair|throat|neck)\b",
        None,
    ),
    (
        H,
        PH,
        "afraid_he_will",
        r"\b(?:scared|afraid|terrified|frightened|worried) (?:that )?(?:he|she|they)(?:'ll| will| might| is going to| was going to| would| gonna)\b",
        NEG,
    ),
    (
        H,
        PH,
        "dont_feel_safe",
        r"\b(?:don'?t|do not|never) feel safe\b|\bnot safe (?:at home|in my own|in this house|here anymore)\b|\bfear for my\b|\bwalking on eggshells\b|\bhiding (?:from (?:him|her|them)|in the)\b|\bhe'?s (?:outside|banging|at the door|kicking the door|trying to get in)\b|\bplease (?:come|help)(?: and)? get me\b",
        None,
    ),
    (
        H,
        PH,
        "made_me_do",
        r"\b(?:made|forced|pressured|bullied|coerced) me (?:to |into )?(?:sign|give|hand|have sex|sleep with|stay|apologise|delete|transfer|quit)\b|\bi had no choice\b|\bdidn'?t let me (?:leave|go|sleep|eat|out)\b|\bwon'?t let me (?:leave|go|sleep|eat|out|in)\b",
        None,
    ),
    (
        H,
        PH,
        "did_he_hurt",
        r"\b(?:did|has|is|was) (?:he|she|they) (?:hurt|hit|hitting|hurting|touch|touched|threaten|threatening) (?:you|u|her)\b|\bare you (?:hurt|ok|okay|safe)\?? (?:did|is|has) (?:he|she)\b",
        None,
    ),
    (
        H,
        PH,
        "harm_pets_kids",
        r"\b(?:the|your) (?:cat|dog|kids?|children|baby) (?:might|could|will|would) (?:get hurt|go missing|disappear|not come back|get out)\b|\bsomething (?:might|could|will) happen to (?:the|your) (?:kids?|children|cat|dog|mum|mom)\b",
        None,
    ),
    (
        H,
        PH,
        "self_harm_lever",
        r"\bi'?ll (?:kill|hurt) myself (?:if|when)\b|\bif you leave (?:me )?i'?ll\b|\bno reason (?:for me )?to live\b",
        None,
    ),
    # scared_token (a context-gated TOKEN rule) was dropped in round 2: fear_more and
    # scared_of_person cover its hits, and it was the costliest rule to check.
    # ---------------- PROTECTOR_CLAIM ----------------
    (
        P,
        PH,
        "for_your_safety",
        r"\bfor your (?:own )?(?:safety|protection|benefit|sake|wellbeing|well-being)\b|\bit'?s for (?:you|your own good|the best)\b(?! (?:too|as well))",
        None,
    ),
    (
        P,
        PH,
        "doing_it_for_you",
        r"\b(?:i'?m|i am|i was) (?:only |just )?doing (?:this|it|that|all this) (?:for you|because i (?:love|care))\b|\bi (?:only|just) want what'?s best for you\b|\bi know what'?s (?:best|good|right) for you\b",
        None,
    ),
    (
        P,
        PH,
        "without_me",
        r"\b(?:you'?d|you would) be (?:lost|nothing|in danger|eaten alive) without me\b|\byou need me to (?:look after|protect|keep|sort)\b|\bwho else (?:would|will|is going to) (?:look after|protect|take care of) you\b|\bi'?m the only one who (?:cares|looks out|looks after|protects|keeps you)\b",
        None,
    ),
    (
        P,
        PH,
        "never_let_anything",
        r"\bi'?d never let anything (?:bad )?happen to you\b|\bi won'?t let anyone (?:hurt|near|touch|get to) you\b|\bnobody (?:will|can|is going to) hurt you (?:while|as long as|when)\b|\bsafe with me\b",
        None,
    ),
    (
        P,
        PH,
        "because_i_worry",
        r"\b(?:because|cos|coz|cause) i (?:worry|worried|get worried|panic|care)\b(?! (?:about (?:the|my|work|money|it|that)))|\bi worry about you\b(?! (?:driving|on the roads|in the snow|in this weather))",
        None,
    ),
    (
        P,
        PH,
        "dangerous_out_there",
        r"\b(?:world|town|city|it)'?s? (?:full of|is full of|dangerous|not safe)\b[^.!?]{0,40}\b(?:that'?s why|so i|which is why|you need me|for you)\b|\bthat'?s why i (?:check|decide|need|keep|drive|pick|take)\b",
        None,
    ),
    # ---------------- BOUNDARY_LANGUAGE ----------------
    (
        B,
        PH,
        "dont_want_contact",
        r"\bi (?:don'?t|do not) want (?:to (?:see|hear from|talk to|speak to) you|you (?:to (?:contact|text|call|message|come|visit)|contacting|texting|calling|around|in my life))\b|\bdo not contact\b(?! the supplier)(?! (?:the|them) directly)",
        None,
    ),
    (
        B,
        PH,
        "need_you_to_stop",
        r"\bi (?:need|want) you to (?:stop|leave me|back off|give me|respect)\b|\brespect my (?:decision|boundaries|privacy|space|choice|wishes)\b|\bback off\b(?! (?:the|a) (?:throttle|gas|bit))|\bget (?:your hands|off) (?:off )?me\b|\bdon'?t touch (?:me|my)\b",
        None,
    ),
    (
        B,
        PH,
        "my_choice",
        r"\b(?:it'?s|that'?s|its|thats) (?:my (?:choice|decision|body|life|money|business|phone|call)|none of your business)\b(?! (?:too|as well))|\bmind your own\b",
        None,
    ),
    (
        B,
        PH,
        "not_ok_with",
        r"\b(?:i'?m|i am) not (?:ok|okay|happy|alright) with (?:that|this|you|it|him|her)\b|\bi (?:don'?t|do not) consent\b|\bi didn'?t agree to\b",
        None,
    ),
    (
        B,
        PH,
        "wont_give_you",
        r"\b(?:i'?m|i am) not (?:giving|sending|sharing|showing|telling|handing) (?:you )?(?:my|it|that|where)\b|\bi won'?t (?:give|send|share|show|tell) you (?:my|where|it|that|who)\b|\byou(?:'re| are) not (?:having|getting|reading|seeing|touching|going through) my\b|\bi don'?t have to (?:tell|show|explain|answer to|prove) (?:you|anything)\b",
        None,
    ),
    (
        B,
        PH,
        "going_no_contact",
        r"\b(?:i'?m|i am|i'?ve|i have) (?:muting|blocking|reporting|unfriending|unfollowing|reported|muted|unfriended|unfollowed) (?:you|him|her|them)\b|\bchanged my number\b|\bnew number\b(?! (?:is|for work|who dis))|\bi'?m not telling you where i\b|\bdon'?t (?:come|turn up) (?:to|at) my (?:work|house|flat|door|place|mum'?s)\b",
        None,
    ),
    (
        B,
        PH,
        "were_done",
        r"\bwe(?:'re| are) (?:done|finished|over)\b(?! (?:here|with the|for the day|by|at|early|soon))|\bthis (?:conversation|relationship) is over\b|\bi'?m done (?:talking to you|with you|with this)\b",
        None,
    ),
    (
        B,
        PH,
        "stop_token",
        r"\bstop\b",
        {
            "tier": TK,
            "context": {
                "words": [
                    "texting",
                    "calling",
                    "contacting",
                    "messaging",
                    "me",
                    "following",
                    "turning up",
                    "coming round",
                    "asking",
                    "pressuring",
                    "checking",
                    "touching",
                    "harassing",
                    "this",
                ],
                "window": 3,
            },
            "score": TOKEN_SCORE,
        },
    ),
    (
        B,
        PH,
        "no_refusal",
        r"(?:^|[.!?] )no\b(?![ ,]*(?:worries|idea|problem|probs|way|rush|stress|one|thanks|thank|need|chance|clue|i|it'?s fine|not yet|sorry|lol|haha))",
        {
            "tier": TK,
            "context": {
                "words": [
                    "my phone",
                    "my password",
                    "my passcode",
                    "my money",
                    "my body",
                    "my card",
                    "my choice",
                    "not giving",
                    "you can't",
                    "you're not",
                    "i won't",
                    "i said",
                    "leave me",
                    "stop",
                ],
                "window": 6,
            },
            "score": TOKEN_SCORE,
        },
    ),
    # ---------------- THREAT_OF_EXPOSURE ----------------
    (
        E,
        PH,
        "ill_post_it",
        r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|i could|maybe i'?ll|watch me|i swear i'?ll) (?:post|upload|put|share|leak|send|forward|spread)(?: (?:them|it|those|these|this|that|everything|your \w+|the \w+))? (?:online|on (?:facebook|fb|insta|instagram|twitter|tiktok|snapchat|the internet|every|your)|everywhere|to (?:everyone|everybody|all your|your))\b",
        None,
    ),
    (
        E,
        PH,
        "let_everyone_know",
        r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna) (?:let|make sure) (?:everyone|everybody|people|the whole \w+|all your \w+|your \w+) (?:know|knows|find out|finds out|see|sees|hear|hears)\b|\b(?:i'?ll|i will|i'?m going to|i'?m gonna) tell (?:him|her|them|everyone|everybody) (?:everything|what you did|what you'?re really like|the truth about you|about us|about you)\b",
        None,
    ),
    (
        E,
        PH,
        "shame_if",
        r"\b(?:be a|it'?d be a|would be a) (?:shame|pity) if (?:someone|anyone|people|your|they|those)\b|\bwouldn'?t want (?:your|anyone|people|everyone) (?:\w+ )?to (?:see|know|find out|hear)\b|\bwhat would your \w+ (?:think|say|do) if\b|\bhow would your \w+ feel if\b",
        None,
    ),
    (
        E,
        PH,
        "have_material",
        r"\bi (?:still )?(?:have|got|kept|saved) (?:all )?(?:the|your|those|them|every|copies of)(?: \w+)? "
        + MAT
        + r"\b(?! (?:from|of) (?:the|our) (?:holiday|trip|party|wedding|match|gig))"
        + r"|\bscreenshots (?:of everything|of all|last forever)\b",
        None,
    ),
    (
        E,
        PH,
        "secret_lever",
        r"\bi know (?:your (?:little )?secret|things about you|what you did)\b|\byour (?:little )?secret (?:is|won'?t|will)\b|\b(?:goes|go|going) viral\b(?! (?:lol|haha|😂))",
        None,
    ),
    (
        E,
        PH,
        "to_who",
        r"\b(?:send|show|forward|post)(?:ing)? (?:them|it|those|these|this|the "
        + MAT
        + r"|your "
        + MAT
        + r") to "
        + WHO
        + r"\b",
        None,
    ),
    # ---------------- SURVEILLANCE_CLAIM ----------------
    (
        S,
        PH,
        "i_know_who",
        r"\bi (?:know|saw|seen|heard) (?:who|exactly who|what|exactly what|where|exactly where) you (?:were|was|went|are|met|talked|texted|messaged|called)\b|\bi know you (?:were|went|met|called|texted) (?:at|to|with|him|her)\b",
        None,
    ),
    (
        S,
        PH,
        "you_were_at",
        r"\byou were (?:at|in) [\w']+(?: \w+)? (?:till|until|at \d|for (?:two|three|\d) hours|last night)\b|\bwho was (?:that|the) (?:guy|man|bloke|girl|woman|lad)\b[^.!?]{0,20}\b(?:with|you were|in your)\b",
        None,
    ),
    (
        S,
        PH,
        "checked_your",
        r"\bi (?:checked|check|went on|looked on|logged into|got into|went into|read) (?:your|ur) (?:\w+ )?(?:phone|location|messages|texts|history|bank|account|emails?|email|insta|instagram|facebook|snapchat|laptop|icloud|whatsapp|call log|browser)\b",
        None,
    ),
    (
        S,
        PH,
        "been_monitoring",
        r"\bi'?ve been (?:reading|checking|watching|tracking|following|recording|listening to|monitoring) (?:your|you|ur)\b|\b(?:monitor|monitoring|monitored) (?:your|you|my|her|his)\b",
        None,
    ),
    (
        S,
        PH,
        "location_demand",
        r"\b(?:turn on|put on|switch on|keep on|turn back on|leave on) (?:your|ur) (?:live )?location\b|\b(?:your|ur) location (?:back )?on\b|\bwhy (?:is|was|did) your (?:location|phone|find my|life360)\b|\blife ?360\b|\bair ?tags?\b|\bfind my (?:friends|iphone|phone)\b",
        None,
    ),
    (
        S,
        PH,
        "eyes_everywhere",
        r"\bi (?:have|got) eyes everywhere\b|\bi (?:hear|see|know) everything (?:you|u)\b|\bpeople tell me (?:things|everything|stuff)\b|\b(?:someone|a friend|my mate|my friend) (?:told|tells) me you (?:were|went|was)\b|\bi(?:'ll| will) (?:be )?(?:know|find out) (?:if|where|who|when) you\b",
        None,
    ),
    (
        S,
        PH,
        "online_when",
        r"\byou were (?:online|active|on whatsapp|on insta|typing) (?:at|till|until|all night|last night)\b|\bwhy were you (?:online|active|typing)\b|\bi saw you (?:were )?(?:online|active|typing|liked|viewed|read)\b",
        None,
    ),
    (
        S,
        PH,
        "bugged",
        r"\b(?:bugged|tapped|cloned)\b(?! (?:me|out|by the))|\b(?:keylogger|stalkerware|tracking app|tracker on)\b",
        None,
    ),
    # ---------------- CONTROL_ACCESS ----------------
    (
        C,
        PH,
        "unlock_show_phone",
        r"\b(?:unlock|hand over|hand me|show me|let me see|give me) (?:your|ur|the) (?:phone|laptop|ipad|tablet)\b|\bhand it over\b|\bi want (?:your|all your|the) (?:passwords?|passcodes?|pins?|logins?)\b|\bi need your (?:password|passcode|pin|login)\b",
        None,
    ),
    (
        C,
        PH,
        "cut_off_money",
        r"\bi(?:'ve| have)? (?:cancelled|frozen|froze|cut off|stopped|blocked|closed|taken) (?:your|ur) (?:card|account|money|allowance|phone|contract|access)\b|\bno more (?:money|allowance|card)\b|\byou(?:'ll| will) get (?:nothing|no money|not a penny)\b|\bnot (?:a|one) penny\b",
        None,
    ),
    (
        C,
        PH,
        "account_for_spending",
        r"\bwhat did you (?:spend|buy|do with the money)\b|\bwhere did (?:the|that|my) (?:money|£\d+|\d+ quid) go\b|\bwhy did you (?:spend|buy|take out|withdraw)\b|\bshow me (?:the|your) (?:receipts?|bank|statement)\b|\baccount for every\b|\bevery penny\b",
        None,
    ),
    (
        C,
        PH,
        "ask_me_first",
        r"\byou (?:have|need|got) to ask (?:me )?(?:first|before|for)\b|\byou(?:'re| are) not (?:allowed|getting|having) (?:the car|money|a card|your (?:phone|card|keys|passport)|any money|a phone)\b",
        None,
    ),
    (
        C,
        PH,
        "took_your",
        r"\bi(?:'ve| have)? (?:took|taken|hidden|hid|got|kept|locked up|locked away) (?:your|ur) (?:phone|keys|car keys|passport|card|bank card|documents|laptop|id|charger|sim)\b|\bi(?:'ve| have)? (?:deleted|wiped|removed) (?:your|ur|all your) (?:photos|pics|contacts|account|number|files|apps)\b",
        None,
    ),
    (
        C,
        PH,
        "homeless",
        r"\byou(?:'ll| will)? (?:be|end up) (?:homeless|on the streets?)\b|\byou(?:'ll| will)? have nowhere to (?:live|go|stay)\b|\b(?:i'?ll|i will|i'?m going to) (?:kick|throw|put) you out\b|\bmy (?:house|flat|home|name)[,.]? my rules\b",
        None,
    ),
    (
        C,
        PH,
        "locked_out",
        r"\b(?:locked|logged|shut) (?:you|me|her) out of (?:the|my|your|our)\b|\b(?:he|she|they) (?:has|have|took|changed) (?:my|all my|the) (?:passwords?|passcodes?|logins?|bank details)\b",
        None,
    ),
    # ---- second pass: conditional threats, displays of knowledge, demands ----
    (
        E,
        PH,
        "if_you_then_they_see",
        r"\bif you (?:leave|go|don'?t|won'?t|ignore|block|walk|keep|try|say|tell|report|move)\b[^.!?]{0,60}\b(?:"
        + WHO
        + r"|everyone|everybody|the whole \w+)\b[^.!?]{0,30}\b(?:see|sees|seeing|know|knows|hear|hears|gets?|getting|find out|finds out|will)\b",
        None,
    ),
    (
        E,
        PH,
        "or_they_see",
        r"\bor (?:else )?(?:"
        + WHO
        + r"|everyone|everybody|the (?:"
        + MAT[3:-1]
        + r"))\b[^.!?]{0,30}\b(?:see|sees|know|knows|hear|hears|gets?|go|goes|will)\b",
        None,
    ),
    (
        E,
        PH,
        "would_love_to_see",
        r"\b(?:"
        + WHO
        + r"|they|everyone)(?: \w+)? (?:would|will|might|'d) (?:love|like|enjoy|be interested|be fascinated) to (?:see|know|hear|read)\b",
        None,
    ),
    (
        H,
        PH,
        "if_you_leave_harm",
        r"\bif you (?:leave|walk out|go)\b[^.!?]{0,40}\b(?:you'?ll regret|you'?ll be sorry|see what happens|i'?ll (?:hurt|find|come after|make)|i don'?t know what i'?ll do|there'?s no point)\b",
        None,
    ),
    (
        S,
        PH,
        "say_hi_to",
        r"\bhow was (?:\w+|the \w+) with \w+\b[^.!?]{0,20}\?|\bhow (?:was|were) (?:your|the) (?:coffee|lunch|drink|drinks|dinner|walk|chat) with\b|\benjoy(?:ed)? your (?:coffee|lunch|drink|drinks|dinner|walk|chat) with\b",
        None,
    ),
    (
        S,
        PH,
        "where_were_you_really",
        r"\bdon'?t (?:bother )?(?:lie|lying) (?:to me|about where)\b|\bi know you'?re lying about where\b|\bthat'?s not where you (?:were|are|said)\b|\bi know you weren'?t (?:at|where)\b",
        None,
    ),
    (
        S,
        PH,
        "read_it_all",
        r"\bi (?:read|saw|seen|went through) (?:it all|everything|all of it|all your|every (?:message|text|email))\b",
        None,
    ),
    (
        C,
        PH,
        "back_when",
        r"\byou(?:'ll| will| can) (?:get|have) (?:it|them|your \w+(?: \w+)?) back (?:when|once|if|after)\b|\bnot until you (?:apologise|say sorry|calm down|learn|behave)\b",
        None,
    ),
    (
        C,
        PH,
        "money_for",
        r"\bi(?:'ll| will) give you (?:money|cash|\£?\d+) (?:for|when|if)\b|\byou(?:'ll| will) get (?:money|cash|an allowance|pocket money) (?:for|when|if|every)\b|\ballowance\b(?! (?:for (?:the )?(?:luggage|baggage|bags)|is \d+ ?kg))",
        None,
    ),
    (
        C,
        PH,
        "phone_demand",
        r"\b(?:your|ur) phone\b[^.!?]{0,20}\b(?:now|on the table|in my hand|to me)\b|\bput (?:your|ur) phone (?:on|in|down) (?:the table|my)\b|\bpassword(?:s)? (?:now|or else|or i)\b|\bpasscode (?:now|or else|or i)\b",
        None,
    ),
    (
        B,
        PH,
        "please_just",
        r"\bplease (?:just )?(?:leave it|let me be|give me (?:space|time|a minute)|respect|go away|go home|leave)\b|\bcan you not\b|\bi'?d rather not\b|\bi'?m not doing this (?:again|anymore|with you)\b|\bi'?m not (?:coming|going) (?:back|home|tonight|over|round)\b",
        None,
    ),
    (
        B,
        PH,
        "police_help",
        r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|i'?m|i|i'?ve|we'?ll|we) (?:call|ring|calling|ringing|phoned|called|rang|report(?:ed|ing)? (?:you|him|her|this|it) to) (?:the )?(?:police|cops|999|911|101)\b|\bgetting (?:a|an) (?:lawyer|solicitor|injunction|order)\b|\bharassment\b",
        None,
    ),
    (
        P,
        PH,
        "i_need_to_know",
        r"\bi need to know (?:where|who|that) you(?:'re| are)?\b[^.!?]{0,30}\b(?:safe|ok|okay|worry|worried|care)\b|\bjust (?:making sure|checking) you(?:'re| are) safe\b(?! (?:home|back))",
        None,
    ),
    # ---- third pass: reported monitoring and control, more exposure and harm forms ----
    (
        S,
        PH,
        "watching_me",
        r"\bi(?:'ve| have)? (?:was |been )?watching (?:you|u|your|ur)\b(?! (?:play|sing|perform|on (?:tv|stage|the)|dance|score))|\bi was watching\b[.!]*$",
        None,
    ),
    (
        S,
        PH,
        "asked_others",
        r"\bi asked (?:\w+|your \w+) (?:where|who|what|if|whether) you (?:were|was|went|had|did)\b",
        None,
    ),
    (
        S,
        PH,
        "always_knows",
        r"\b(?:always|somehow|still) knows? where (?:i am|i'?m|i was|i go|you are|you'?re|you go|she is|she'?s)\b|\bknows? where i am (?:all the time|always|every)\b",
        None,
    ),
    (
        S,
        PH,
        "something_on_phone",
        r"\b(?:something|an app|software|a tracker|a chip|a bug) (?:on|in|under) (?:my|your|her|his) (?:phone|laptop|car|bag)\b(?! (?:screen|case))",
        None,
    ),
    (
        S,
        PH,
        "messages_were_read",
        r"\b(?:my|your|her) (?:messages|texts|emails|dms|chats) (?:were|have been|had been|got|are being|keep getting) (?:read|opened|checked|marked as read|forwarded)\b",
        None,
    ),
    (
        S,
        PH,
        "third_person_monitors",
        r"\b(?:he|she|they) (?:reads|checks|goes through|tracks|follows|watches|listens to|records|films|monitors) (?:my|her|his|all my|all her|me|her)\b(?! (?:back|on (?:insta|twitter|tiktok)))",
        None,
    ),
    (
        S,
        PH,
        "deleted_messages",
        r"\bwhy (?:did|have) you deleted? (?:the|your|those|all the|all your) (?:messages|texts|chat|chats|history|call log)\b",
        None,
    ),
    (
        C,
        PH,
        "controls_money",
        r"\b(?:he|she|they|you) (?:takes?|took|controls?|keeps?|kept|handles?|manages?) (?:all )?(?:my|her|his) (?:money|wages|pay|salary|bank cards?|cards?|benefits|pension|savings|finances|account)\b",
        None,
    ),
    (
        C,
        PH,
        "have_to_ask",
        r"\bhave to ask (?:him|her|them|you) (?:for|before|if|permission)\b|\b(?:won'?t|wouldn'?t|doesn'?t|didn'?t|don'?t) let me (?:have|use|touch|drive|take|spend|open|keep|work|get a job|see my|have my)\b|\b(?:i'?m|i am|she'?s|she is) not allowed (?:to (?:have|use|drive|spend|touch|keep|see)|my own|a (?:phone|card|car|job|key))\b",
        None,
    ),
    (
        C,
        PH,
        "has_my_things",
        r"\b(?:he|she|they) (?:has|'s got|has got|kept|keeps|hid|hides|hidden|locked) (?:my|the|her|all my|all her) (?:keys|car keys|passport|phone|card|bank card|documents|id|birth certificate|paperwork)\b",
        None,
    ),
    (
        C,
        PH,
        "in_my_name",
        r"\b(?:put|sign|transfer|move)\w* (?:the \w+|it|everything|the money|your \w+) (?:in|into|over to|to) (?:my name|me|my account|mine)\b",
        None,
    ),
    (
        C,
        PH,
        "block_on_your_phone",
        r"\b(?:delete|block|remove)d? (?:him|her|them|his number|her number|that number|your \w+) (?:from|on|off) (?:your|ur|her) phone\b|\byou(?:'re| are) not (?:taking|using|driving) (?:the|my) car\b",
        None,
    ),
    (
        E,
        PH,
        "ill_tell_your_x",
        r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|maybe i should|should i|i could|i might|i'?d) (?:tell|inform|call|ring|message|email|text|dm|phone) "
        + WHO
        + r"\b",
        None,
    ),
    (
        E,
        PH,
        "deserves_to_know",
        r"\b(?:deserves?|ought|has a right|have a right|needs? to) (?:to )?know (?:the truth|what you|about you|who you|what kind)\b|\b(?:court|judge|social services|cafcass|child services)\b[^.!?]{0,30}\b(?:would love to|will be interested|would be interested|hear about|know about|find out about|what kind of)\b",
        None,
    ),
    (
        E,
        PH,
        "remember_material",
        r"\bremember (?:those|the|that|your) (?:pics|photos|pictures|videos?|vids|nudes|messages|texts|screenshots|recordings)\b|\b(?:pics|photos|pictures|videos|vids|nudes) of you\b[^.!?]{0,40}\b(?:online|everywhere|send|post|share|show|still|kept)\b|\b(?:so |very |really )?easy (?:for me )?to (?:send|post|share|forward|leak|upload) (?:them|it|those|these)\b",
        None,
    ),
    (
        H,
        PH,
        "scares_me",
        r"\b(?:he|she|you|they) (?:scares?|terrif(?:y|ies)|frightens?) me\b"
        + LAUGH
        + r"|\b(?:do|try|say) that again and\b"
        + LAUGH
        + r"|\bwhat (?:i'?ll|i will|i might|i could|he'?ll|he might|he could|she'?ll|she might) do\b(?! (?:for|about|with) (?:dinner|tea|lunch|the))",
        NEG,
    ),
    (
        H,
        PH,
        "raging",
        r"\b(?:drunk|raging|angry|furious|kicking off) and (?:smashing|throwing|shouting|screaming|punching|kicking|breaking)\b",
        None,
    ),
    (
        P,
        PH,
        "so_you_dont_have_to",
        r"\bso you don'?t have to (?:worry|stress|think about)\b|\b(?:not safe|too dangerous|dangerous|unsafe) for (?:you|a woman|a girl|her) (?:to|out|alone|on your own)\b|\bi (?:take|took) care of (?:you|everything for you|us)\b|\btrying to (?:protect|look after|keep (?:you|her|him|them) safe|keep an eye on) (?:you|her|him|them)\b",
        None,
    ),
    (
        B,
        PH,
        "not_your_business",
        r"\bnot (?:your|ur) (?:business|call|decision)\b|\bi'?m not (?:answering|replying|responding|picking up) (?:to )?(?:you|that|this|your)\b|\bkeep away from (?:me|my)\b|\b(?:i'?m|i am) (?:going to|gonna) (?:block|report|mute) you\b|\bdon'?t (?:come|turn up|show up) (?:here|round|over|again)\b",
        None,
    ),
]


# ---- BROAD: phrase families for new wording (written from eval/GUIDELINES.md and the
# misses on dev, train_a and train_b; checked against their everyday messages) ----
MEDIA = r"(?![^.!?]{0,60}(?:😱|😬|👀|😂|🤣|lol|haha|episode|\bep\b|series|season|show|trailer|film|movie))"
THIRDP = r"(?:boss|manager|work|job|mum|mom|mam|mother|dad|father|parents|family|families|sister|brother|nan|gran|wife|husband|church|pastor|mosque|community|friends|mates|colleagues|team|school|kids|children|ex|new (?:man|bloke|girl|fella|lads?|boyfriend|girlfriend|partner)|fella|lads|employer|landlord|followers|judge|court|pastor|uncle|aunt|auntie|hr|immigration|social services|cafcass|police)"
# Someone else's boss, family…: not "my"/"our" (a leading "your|the … " gap made these
# rules the slowest of the pack to prefilter).
NOT_MINE = r"(?<!\bmy )(?<!\bour )\b"
BROAD = [
    # ---------------- HARM_LANGUAGE ----------------
    (
        H,
        PH,
        "veiled_threat",
        r"\bif you know what'?s good for (?:you|u)\b|\byou know what happens (?:when|if)\b|\bsee how long (?:you|u) (?:last|survive|manage)\b|\baccidents (?:happen|can happen)\b|\b(?:is that|that'?s|that was|was that) a threat\b|\bsleep with one eye open\b|\byou'?ve been warned\b|\bhope (?:your|ur) (?:\w+ ){0,2}(?:has|have|'s|'ve)? ?got (?:good|strong|decent) locks\b|\byou won'?t see (?:it|me) coming\b"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "dont_make_me",
        r"\bdon'?t make me(?:[.!'\x22”]|$| (?:do (?:something|this|it)|hurt|lose it|angry|mad|say it again|tell you again|ask (?:you )?again|repeat myself))"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "kids_every_other",
        r"\b(?:see|seeing|have|get) (?:them|the kids|the children|your kids|\w+) (?:every other|one) (?:weekend|sunday|saturday|week)\b|\b(?:make sure|made sure) (?:you|u|i|she|he) regret(?:ted|s)? it\b|\bwon'?t (?:ever )?see (?:the|your) (?:kids|children|boys|girls) again\b",
        None,
    ),
    (
        H,
        PH,
        "kept_in",
        r"\b(?:keeping|kept|keep|locking|locked) (?:you|me|her|him) (?:in|inside|here|prisoner|locked up)(?:[.!,?]|$| (?:the|my|this|your|our) (?:house|flat|room|bathroom|bedroom|home))|\bleave my own (?:house|home|flat)\b|\bcan'?t (?:get out of|leave) the (?:house|flat)\b|\b(?:oh wait|but) you can'?t\b",
        None,
    ),
    (
        H,
        PH,
        "harm_question",
        r"\b(?:has|have|did|does) (?:he|she|they) (?:ever )?(?:hurt|hit|touched|touch|threatened|threaten|put (?:his|her) hands on) (?:you|u|her)\b|\b(?:is it|are you) safe (?:for you )?to (?:talk|speak|chat)\b|\bis (?:anyone|he|she|someone) (?:with you|there with you|in the room)\b",
        None,
    ),
    (
        H,
        PH,
        "fear_reaction",
        r"\b(?:scared|afraid|terrified|frightened|worried|petrified) (?:of )?(?:how|what) (?:he|she|they)(?:'d| would| will|'ll| might)? (?:react|do|say)\b|\bnext to my head\b|\b(?:he|she|they)(?:'s| has| have)? (?:thrown|throws|threw|smashed|smashes) (?:things|stuff|plates|a (?:mug|plate|glass|cup|chair|bottle|phone))\b|\bit'?ll be (?:so |much |even )?worse\b",
        NEG,
    ),
    # ---------------- PROTECTOR_CLAIM ----------------
    (
        P,
        PH,
        "only_because_care",
        r"\b(?:only|just) (?:\w+ ){1,3}(?:because|cos|coz|cause|cuz|bc) (?:i|we|he|she|they) (?:love|loves|care|cares|worry|worries|want|wants|don'?t want|doesn'?t want)\b|\b(?:we|i) (?:just |only )?care about (?:you|u|her|him)\b(?! (?:too|as well|but))",
        None,
    ),
    (
        P,
        PH,
        "protect_family",
        r"\b(?:protecting|protect|looking after|keeping) (?:this|the|our|my) family\b|\bthe one (?:protecting|looking after|keeping) (?:you|this|us)\b|\bhas to protect (?:her|him|you|them)\b|\b(?:someone|somebody) in this (?:family|house) has to\b",
        None,
    ),
    (
        P,
        PH,
        "so_nobody",
        r"\bdoing (?:this|it|that|all this) so (?:you|u|nobody|no one|nothing|that)\b|\b(?:nobody|no one|no-one|anyone|some (?:man|guy|woman|bloke)|someone|people) (?:takes?|taking|take) advantage of (?:you|u|her|him)\b|\bdon'?t want (?:some (?:man|guy|woman|bloke)|anyone|someone|people) taking (?:your|advantage)\b|\bif anything (?:happens|happened|were to happen) to (?:you|u)\b",
        None,
    ),
    (
        P,
        PH,
        "wont_get_near",
        r"\b(?:he|she|they|nobody|no one)(?: won'?t| will not| can'?t|'ll never| will never) (?:get (?:near|to|past|at)|touch|find) (?:you|u|him|her|me) (?:here|while|with|as long)\b|\b(?:he|she|they) won'?t get past (?:him|her|me|us)\b|\bfor (?:her|his|their) own (?:good|protection|safety)\b",
        None,
    ),
    (
        P,
        PH,
        "world_not_kind",
        r"\b(?:the )?world (?:isn'?t|is not|ain'?t) (?:kind|safe|nice)\b|\b(?:creeps|weirdos|predators|nutters) out there\b|\bkeep (?:tabs|an eye) because\b",
        None,
    ),
    # ---------------- BOUNDARY_LANGUAGE ----------------
    (
        B,
        PH,
        "pls_dont",
        r"\b(?:pls|plz|plez|please),? (?:dont|don'?t|do not|stop) (?:ask|ring|call|text|message|contact|come|tell|send|post|share|bring|involve|read|touch|follow|track|check|turn up|show up)\b",
        None,
    ),
    (
        B,
        PH,
        "not_discussing",
        r"\b(?:i'?m|i am|im) (?:just )?not (?:discussing|talking about|explaining|going into|answering)(?: (?:this|that|it|my \w+))?(?: (?:with you|again|anymore))?(?=[.!,]|$| with you| again| anymore)|\bnot something i'?m (?:discussing|talking about|sharing)\b|\bnone of (?:your|ur|yer) (?:business|concern)\b|\bis my (?:own )?business\b|\b(?:it'?s|that'?s|is) not your (?:job|place|concern) anymore\b",
        None,
    ),
    (
        B,
        PH,
        "dont_you_dare",
        r"\bdon'?t you dare (?:send|show|post|share|bring|tell|touch|come|contact|text|call|go through|read|involve|talk|message)\b|\bleave (?:\w+ ){1,2}out of (?:this|it|anything|court|all this|the group)\b"
        + LAUGH,
        None,
    ),
    (
        B,
        PH,
        "private_life",
        r"\b(?:my|our) (?:finances|marriage|love life|private life|personal life|medical \w+|health|relationships?|life) (?:is|are) (?:private|mine|my business|nothing to do with you|none of)\b|\b(?:do not|don'?t) (?:talk|speak) to (?:\w+ ){1,4}about my (?:private|personal|love) life\b|\bprivate medical\b|\boff[- ]limits\b|\bbetween me and (?:them|her|him|my \w+)\b",
        None,
    ),
    (
        B,
        PH,
        "no_contact_only",
        r"\bonly (?:contact|text|message|call|email) me (?:about|for|if|when|regarding)\b|\b(?:text|call|message) (?:me )?first\b(?! (?:then|and|before|when|thing))|\b(?:turn|show|pop|come|drop) (?:up|round|over|in|by) unannounced\b|\b(?:don'?t|do not|never) (?:call|text|message|ring|contact)(?: me)?(?: again| anymore| ever again)?[.!]*$|\bunblock(?:ed|ing)? me\b|(?:^|[.!?] )blocked[.!]*$",
        None,
    ),
    (
        B,
        PH,
        "secure_account",
        r"\b(?:chang(?:ed|ing|e)|reset(?:ting)?) my (?:\w+ )?(?:passcode|password|pin|locks?|number)\b|\bmy (?:passcode|password|pin) to be mine\b|\blog(?:ging|ged)? (?:you |him |her )?out of (?:the|my) (?:ipad|laptop|icloud|account|phone|email|tablet)\b|\bset (?:everything|it|my \w+|my account) to (?:private|close friends)\b|\bmade my (?:account|profile|insta|page) private\b|\b(?:unlink|disconnect|remove|take) (?:your \w+|you|him|her) (?:from|off) (?:my|the) (?:phone|account|app|ipad|icloud|family sharing|laptop)\b",
        None,
    ),
    (
        B,
        PH,
        "own_account",
        r"\b(?:my|your|her|his) own (?:bank )?account\b|\baccount (?:back )?in (?:my|your|her|his) (?:own )?name\b|\b(?:moved|move|moving) my (?:wages|salary|pay|pension|money|benefits)\b|\bmy own contract\b",
        None,
    ),
    (
        B,
        PH,
        "legal_help",
        r"\b(?:to|for|with|have|got|get|getting|contact(?:ed|ing)?|call(?:ed|ing)?|ring(?:ing)?|rang|spoken to|spoke to|talked to|speaking to) (?:a |my |the )?(?:solicitor|lawyer|police|cops|hr)\b(?!'s)|\b(?:oh|ooh|a|the) (?:solicitor|lawyer|police|hr)(?: now)?(?:[.!?]| lol)|\bgoes (?:straight )?(?:to|through) (?:the|my) (?:police|solicitor|lawyer)\b|\bthe police (?:get|will get|can have|will see)\b|\bcrime (?:number|reference)\b|\breport(?:ing|ed)? (?:it|this|you|him|her) to (?:the )?(?:council|police|hr|landlord|agency|housing|website|school)\b|\bi'?m reporting (?:you|this|him|her)\b"
        + LAUGH,
        None,
    ),
    (
        B,
        PH,
        "keep_evidence",
        r"\bscreenshotting (?:all|every|this|everything)\b|\bkeeping (?:all )?(?:of )?(?:these|this|the|your|every) (?:messages|texts|screenshots|voicemails|emails)\b|\b(?:sent|sending|forwarded|forwarding|showed|showing) (?:all )?(?:of )?(?:these|this|them|your messages|the messages|everything) to (?:my|the) (?:solicitor|lawyer|police|hr)\b",
        None,
    ),
    # ---------------- THREAT_OF_EXPOSURE ----------------
    (
        E,
        PH,
        "third_party_would_like",
        NOT_MINE
        + THIRDP
        + r"(?: [\w']+){0,3} (?:would|will|might|may|'d|could)(?: (?:probably|really|definitely|surely))? (?:love|like|enjoy|want|be (?:very |really |so )?interested|be fascinated)(?: to (?:see|know|hear|read|have a look)| a look| in (?:where|what|how|who|why|seeing|hearing|knowing))\b(?! (?:you|u)\b)(?! what time)",
        None,
    ),
    (
        E,
        PH,
        "third_party_finds_out",
        NOT_MINE
        + THIRDP
        + r"(?:'s)? (?:might|could|will|would|may|'ll|to|are going to|is going to|gonna)(?: \w+)? (?:find out|found out|hear|know|learn|see) (?:all about|about|how|what|why|where|who)\b"
        + LAUGH
        + r"|\b(?:i'?d|i would|wouldn'?t want|would hate) (?:hate )?(?:for )?(?:your|ur|anyone|people|everyone|the) (?:\w+ ){0,2}to (?:find out|hear|know|see|learn)\b|\b(?:shame|pity) if (?:\w+ ){0,3}(?:found out|saw|heard|knew|learned|learnt|got (?:hold|a copy))\b",
        None,
    ),
    (
        E,
        PH,
        "did_you_send",
        r"\b(?:did|have|are|were|has) (?:you|u|he|she) (?:been )?(?:send|sent|sending|show|showed|shown|showing|post|posted|posting|share|shared|sharing|forward|forwarded|forwarding) (?:them|those|these|the \w+|my \w+|it|anything|something)(?: \w+){0,3} to\b|\bthreaten(?:ing|ed|s)? to (?:send|post|share|show|tell|message|leak|expose|email|out|publish)\b"
        + MEDIA
        + r"|\bsent (?:her|him|them|my \w+) something of me\b"
        + MEDIA,
        None,
    ),
    (
        E,
        PH,
        "deleted_promise",
        r"\b(?:you|u) (?:promised|swore)(?: (?:you|u)(?:'d| would))? (?:never|not) (?:use|send|post|show|share)\b",
        None,
    ),
    (
        E,
        PH,
        "nobody_needs_know",
        r"\b(?:nobody|no one|no-one|noone) (?:needs|has|have) to (?:know|find out|see|hear|talk)\b(?![^.!?]{0,40}(?:🤫|😂|🤣|lol|haha|lmao|cake|secret santa|surprise))|\b(?:people|they) (?:talk|tend to hear things)\b[.,]|\bhear things\b|\bone (?:email|call|phone call|message|word|text|letter) to (?:immigration|the home office|social services|your \w+|the (?:judge|court|police|school|council|church))\b|\bthat'?s all it'?d take\b|\bimmigration\b(?! (?:queue|desk|line|control))",
        None,
    ),
    (
        E,
        PH,
        "got_material2",
        r"\bi(?:'ve| have)? (?:still )?(?:got|kept|saved) (?:all )?(?:of )?(?:the |your |those |these |copies of |some )?(?:screenshots|clips|recordings|videos|vids|pics|pictures|photos|nudes|texts|messages|voice notes)(?: (?:of (?:everything|you|the \w+|us|when|what|that)|you sent|from (?:that|when|ibiza|the night)))\b|\bthe ones you sent me\b|\bi'?ll tell (?:them|him|her|everyone) what you told me\b|\bwhat (?:you|she|he) (?:really )?gets? up to\b",
        None,
    ),
    # ---------------- SURVEILLANCE_CLAIM ----------------
    (
        S,
        PH,
        "informants",
        r"\b(?:she|he|they|\w+) keeps me (?:posted|informed|updated|up to date|in the loop)\b|\bkeep(?:s|ing)? tabs on\b|\bkeep tabs\b|\breport(?:s|ing|ed)? (?:back )?(?:on|to you about|when) (?:me|you|her|him|i)\b|\b(?:ppl|people|someone|somebody|her|him) reporting on\b|\b(?:had|have|has|got|getting) (?:someone|somebody|people|ppl|her|him|them) (?:watching|following|reporting on|spying on|checking on) (?:me|you|her)\b|\b(?:telling|tells|told) (?:you|him|her) where (?:i|she|he) (?:go|goes|went|am|is|was)\b|\bmentioned you were (?:at|in|with)\b",
        None,
    ),
    (
        S,
        PH,
        "how_do_u_know",
        r"\bhow (?:do|did|does) (?:u|you|he|she|they) (?:even )?know (?:that|where|when|who|what|i|about)\b|\bhow (?:do|did) (?:u|you) know\b[?!]|\bi like to know (?:where|who|what|my)\b|\bso i can see (?:if|who|where|what)\b",
        None,
    ),
    (
        S,
        PH,
        "device_linked",
        r"\b(?:linked|synced|connected|mirrored|unlink)\w*(?: it)? (?:to|with|from) (?:my|his|her|your|the family) (?:ipad|phone|laptop|account|icloud|tablet)\b|\b(?:ipad|phone|laptop)'?s? (?:synced|linked|connected) (?:to|with)\b|\bon another device\b|\bfamily sharing\b|\b(?:fake|second|burner|secret) (?:account|profile|insta)\b",
        None,
    ),
    (
        S,
        PH,
        "you_been_reading",
        r"\b(?:you|u|he|she|they)(?:'ve| have| has|'s)? been (?:reading|going through|looking through|tracking|recording|spying|monitoring|snooping|checking up)\b(?! (?:a |the |about |up |it to |books?|this book))|\bso you (?:have been|did|do) (?:read|reading|check|checking|go through|going through)\b|\byou read everything\b",
        None,
    ),
    (
        S,
        PH,
        "location_state",
        r"\blocation (?:has been|had been|stays|stay|keeps|is still|been|was|is) (?:off|on|turned off|switched off|going off)\b|\b(?:turn|switch|put)(?:ed)? (?:the )?(?:tracking|location|find my|life360) (?:off|back on|on)\b|\bturn (?:it|that) back on\b|\b(?:u|you|him|her|them) (?:seeing|tracking|knowing|watching) where i (?:am|go|was)\b|\byour (?:phone|car) (?:was|is|went|showed|shows|says) (?:at|in|near|outside|parked)\b|\bcar like yours\b",
        None,
    ),
    (
        S,
        PH,
        "camera_monitor",
        r"\b(?:put|installed|hid|hidden|set up|fitted)(?: up)? (?:a |an |the )?(?:little |tiny |small |secret |hidden )?(?:camera|cam|cameras|monitor|mic) (?:in|inside|on|under) (?:the|our|my|your|her) \w+|\b(?:being|been) (?:filmed|tracked|monitored|spied on)\b(?! for)|\bsee (?:the )?(?:baby )?monitor\b|\b(?:on|from) the (?:baby )?monitor app\b|\bhall camera\b|\bcamera'?s? (?:is )?there to\b|\bquizz?(?:ing|ed)? (?:the kids|the children|my \w+|them) about\b|\b(?:opened|opening|open|read|reading) (?:my|your|her) (?:post|mail|letters)\b|\b(?:my|your|her) post (?:had been|has been|was|got) opened\b",
        None,
    ),
    (
        S,
        PH,
        "whereabouts_display",
        r"\bwho (?:was|were) (?:the|that|your) (?:coffee|lunch|drink|drinks|dinner|guy|man|girl|woman|bloke|lad) with\b|\bkeep(?:ing|s)? an eye on (?:you|u|where you|what you|who you)\b|\bsomebody has to keep an eye\b|\bhappened to be (?:driving|walking|passing)\b|\bi (?:check|checked) in (?:on you )?(?:most|every)\b|\bi only look at the\b",
        None,
    ),
    # ---------------- CONTROL_ACCESS ----------------
    (
        C,
        PH,
        "want_thing_back",
        r"\b(?:want|like|need|get|give me|have|get me) (?:my|her|his|your|the kids'?|mum'?s) (?:\w+ )?(?:phone|laptop|passports?|card|keys?|tablets|pills|meds|medication|money|documents|id|car|account|ipad|charger|wallet|purse|spare key|savings) back\b|\b(?:a|her|my|his|own) key to (?:my|her|his|your|their) own\b|\b(?:my|her|his|your) own key\b",
        None,
    ),
    (
        C,
        PH,
        "cut_off",
        r"\b(?:dad|mum|he|she|they|i|we)(?:'ve|'s| has| have)? (?:cancelled|canceled|frozen|froze|cut off|stopped|blocked|closed) (?:your|ur|my|her|his) (?:card|bank card|account|money|allowance|phone|contract|access|wifi|internet)\b|\b(?:card|account|phone|internet|wifi|contract)'?s? (?:been |is |was |got )?(?:cancelled|canceled|cut off|frozen|coming off the plan|back when)\b|\bcan'?t cut my (?:phone|card|money|internet)\b|\b(?:comes|come|coming) (?:off|out of) (?:your|ur) (?:food |pocket |spending |housekeeping )?(?:money|allowance|wages|pay)\b",
        None,
    ),
    (
        C,
        PH,
        "receipts",
        r"\bi want the receipts?\b|\breceipts? for (?:everything|every|all)\b|\b(?:show|send) me (?:the )?receipts? (?:for|or)\b|\baccount for (?:what|where|how|every)\b|\basks about every (?:transaction|purchase|penny)\b|\bwhy is there £?\d[\d.,]* (?:from|on|out)\b|\bask me (?:first |when |if |before )(?:you (?:need|want|spend|buy))\b|\bask me when you need\b",
        None,
    ),
    (
        C,
        PH,
        "handle_money",
        r"\b(?:i|he|she|they|we) (?:handle|handles|control|controls|manage|manages|look after|looks after) (?:all )?(?:the|our) (?:money|finances|bank|accounts?|cards?)\b|\b(?:my|her|his|your) (?:wages|pension|salary|benefits|pay) (?:go|goes|going|went|get paid|gets paid|are paid) (?:into|to|in) (?:her|his|my|your|their|the joint|my own)\b|\b(?:bank )?login ['‘]?for emergencies\b|\b(?:has|got|have) (?:my|her|his) (?:bank )?(?:login|logins|password|pin)\b|\bset up with me as\b",
        None,
    ),
    (
        C,
        PH,
        "name_on_it",
        r"\b(?:flat|house|home|place|lease|tenancy|car|phone|contract|account|mortgage|everything)(?:'s| is| are)? (?:all )?in my name\b|\b(?:it'?s|its) in my name\b|\bmy name'?s on (?:the|everything)\b|\bin (?:your|her|his) name only\b",
        None,
    ),
    (
        C,
        PH,
        "take_device",
        r"\b(?:i'?ll|i will|i'?m gonna|gonna|i'?m going to) (?:just )?take (?:the|your|ur) (?:phone|car|keys|card|laptop|ipad)\b|\b(?:phone|car|card|keys|laptop) (?:comes|goes|is coming|are coming) back to (?:me|us)\b|\b(?:took|takes|taking|take|kept|keeps|hid|hides) (?:my|her|his|your|ur) (?:car keys|keys|passport|phone|card|bank card|tablets|pills|meds|medication|wallet|purse)\b|\bchang(?:ed|ing) (?:the |your |her |his |mum'?s |\w+'s )?(?:pin|locks?)(?: on| at)?\b(?! (?:my|on my))|\b(?:give|hand|tell) me (?:the|your|ur) (?!wifi|door)(?:\w+ )?(?:passcode|password|pin)\b|(?:^|[.!?] )(?:passcode|your passcode|your password)\.?$",
        None,
    ),
    (
        C,
        PH,
        "money_denial",
        r"\b(?:never )?touched (?:\w+'s |your |her |his |my )(?:money|savings|pension|card|account)\b|\b(?:bleeding|bled|drained|draining|emptied|emptying) (?:her|him|you|me) dry\b|\byou don'?t need (?:cash|a key|keys|your own|access|a bank account|to drive|one)\b",
        None,
    ),
    # ---- BROAD, second pass: wider verb and object families ----
    (
        E,
        PH,
        "are_you_threatening",
        r"\b(?:are|r) (?:you|u) (?:seriously |actually |really )?threatening (?:me|us)\b|\bexpos(?:e|ing|ed) (?:you|u|her|him|them)\b(?! to (?:covid|germs|light|the sun|risk|danger))|\b(?:whole|entire) (?:world|internet|town|village|school|estate|street|family) (?:will|would|is going to|gonna|'ll|could) (?:see|know|hear|find out)\b|\bwonder what (?:your|ur) \w+(?: \w+)? (?:would|will|'d|might) (?:think|say|do)\b",
        None,
    ),
    (
        S,
        PH,
        "saw_messages",
        r"\b(?:saw|seen|found|noticed|read) (?:the |those |these |some |your |his |her |all the |all your |ur )?(?:messages|texts|dms|chats|emails|whatsapps|pics|photos) (?:on (?:your|his|her|ur) (?:phone|laptop|ipad)|(?:you|u) (?:sent|got|were sending|been sending)|between (?:you|u))\b|\b(?:went|been|was|got) (?:on|into|in) (?:your|ur|his|her) (?:phone|laptop|email|account|ipad|icloud|insta|facebook)\b|\b(?:went|go|going|goes|been going|looked|looking|snooped|snooping|rummag\w+|dug|digging) through (?:my|your|his|her|ur) (?:\w+ )?(?:stuff|things|drawers?|room|wallet|purse|handbag|laptop|computer|photos|camera roll|gallery|emails|call history|history|bins?|pockets|post|contacts|accounts?|ipad|notes)\b|\blisten(?:ing|ed|s)? to (?:my|our|your) (?:calls|phone calls|conversations|voicemails?)\b|\b(?:send|show) (?:me )?(?:a )?(?:pic|photo|selfie|video)s? (?:of where you are|to prove|of who you'?re with|of the room)\b|\bprove (?:where|who) you(?:'re| are| were| was)\b|\b(?:facetime|video call) me (?:so i can see|now so|to prove)\b",
        None,
    ),
    (
        S,
        PH,
        "seen_by_others",
        r"\b(?:someone|somebody|people|my (?:mate|friend|sister|brother|cousin|mum|mom|dad)|a mate|a friend|your (?:neighbour|mate|friend))(?:'s)? (?:saw|seen|spotted|clocked) (?:you|u)\b|\b(?:you|u) (?:were|was) (?:seen|spotted|clocked)\b|\bsnap ?maps?\b",
        None,
    ),
    (
        H,
        PH,
        "harm_more",
        r"\b(?:he|she)(?:'ll| will|'s going to|'s gonna|'d|'s going to) (?:kill|murder|batter|hurt|strangle) (?:me|us)\b|\bjust wait (?:till|until) i get (?:home|back|there|hold of you)\b|\bwhen i get my hands on (?:you|u|him|her)\b|\b(?:death|his|her|their|more|making|made|empty|veiled) threats?\b(?! (?:model|assessment|level|actor|intel))|\b(?:he|she) (?:kicked off|went mental|went ballistic|lost it|flipped out|exploded|went for) (?:at |on )?(?:me|her|us)\b|\b(?:kill|hurt|harm) myself\b|\b(?:get|take|going for|fight for|apply for) (?:full )?custody\b|\bscared for (?:my|the) (?:kids|children|son|daughter)\b|\byou'?re hurting me\b|\b(?:he|she) (?:was |is |keeps )?hurting (?:me|her)\b|\blet go of me\b"
        + LAUGH,
        None,
    ),
    (
        P,
        PH,
        "care_more",
        r"\b(?:cos|coz|cause|cuz|bc) i (?:love|care about|worry about) (?:you|u)\b|\bwant (?:you|u|her|him) to (?:be|stay|feel) safe\b|\byou can'?t (?:look after|take care of|protect) yourself\b|\b(?:protect|protecting|keep|keeping) (?:the kids|the children|my kids|my family|our family) safe\b|\bprotect(?:ing)? (?:the kids|the children|my kids)\b|\b(?:you'?re|you are|you'?ll be|u r|ur|she'?s|he'?s|she'?ll be|he'?ll be) safe (?:here|now|with (?:us|me))\b",
        None,
    ),
    (
        B,
        PH,
        "limit_more",
        r"\bdon'?t (?:speak|talk) to me like that\b|\bdon'?t (?:shout|yell|scream|swear) at me\b|\bno means no\b|\b(?:get away from me|don'?t come near me|leave me be)\b|\b(?:please |pls )?delete (?:them|those|the (?:pics|photos|videos|video|pictures|recording))(?:[.!]|$| now| please| pls)"
        + LAUGH,
        None,
    ),
    (
        C,
        PH,
        "control_more",
        r"\b(?:give|hand|pass) me (?:the|that) phone\b|\b(?:give|send|hand|show|pass) (?:me|over) ur (?:\w+ )?(?:phone|password|passcode|pin|login|card|keys?)\b|\b(?:what'?s|whats) ur (?:\w+ )?(?:passcode|password|pin|login)\b|\byou can'?t have (?:the car|any money|money|your (?:phone|card|keys|passport|car)|a phone|a card|a key)\b|\byou don'?t get (?:a|your own) (?:key|card|phone|car|account)\b|\bunlock (?:it|your (?:phone|laptop|ipad)|ur phone)(?=[.!]|$| now| for me)|\b(?:i'?m|i'?ll|i will) (?:keep|keeping|hold(?:ing)? on to|hang(?:ing)? on to) (?:your|ur) (?:card|bank card|cards|keys|car keys|phone|passport|id|money|wages|documents|laptop)\b|\b(?:taken|confiscated?|confiscating) (?:my|her|his|your|ur) (?:phone|keys|car keys|passport|card|bank card|laptop|id)\b|\b(?:gives|give|giving|gave) (?:me|you|her|him|u) £?\d+ a (?:week|month|day)\b|\bneeds? (?:my|his|her) permission\b|\bhad to ask (?:him|her) for (?:money|permission|the car|cash)\b|\b(?:i'?m|im|she'?s|i am) not allowed (?:my own|a phone|a card|to work|to drive|to have|to use|to spend|to touch|to keep)\b",
        None,
    ),
]


# ---- BROAD2: round-two phrase families for new wording (written from eval/GUIDELINES.md
# and the misses on dev and train_a..train_e; checked against their everyday messages) ----
BROAD2 = [
    # ---------------- HARM_LANGUAGE ----------------
    (
        H,
        PH,
        "threaten_talk",
        r"\b(?:don'?t|do not|dont|stop|quit) threaten(?:ing)? (?:me|us)\b|\b(?:nobody'?s|no one'?s|noone'?s) threatening (?:anyone|anybody)\b|\b(?:are|r) (?:you|u) (?:seriously |actually |really )?threatening to (?:put|take|kick|throw|hurt|leave|stop|cut|have)\b|\btrying to (?:frighten|scare|intimidate|threaten) (?:you|u|me|her|him)\b"
        + MEDIA,
    ),
    (
        H,
        PH,
        "capable_of",
        r"\bwhat (?:i'?m|im|i am|he'?s|he is|she'?s|she is) capable of\b|\bactions have consequences\b|\bsee how (?:you|u) like (?:it|being|that)\b|\bsee how (?:that|it) (?:works out|goes) for (?:you|u)\b|\bwhat'?s left of (?:your|ur) (?:stuff|things|clothes|room)\b|\bmake (?:me|you|u|her|him) pay\b|\bnot (?:be )?here when (?:you|u) (?:come|get) (?:back|home)\b|\b(?:might|could|would|'d) have an ['‘]?accident\b|\bput (?:you|u|me|her|him) in a (?:care )?home\b"
        + LAUGH,
    ),
    (
        H,
        PH,
        "coming_for_you",
        r"\b(?:i'?ll|ill|i will|i'?m|im) (?:be )?(?:outside|waiting outside|waiting at|at) (?:ur|your) (?:work|house|flat|door|school|college|place|office|mum'?s)\b|\bor i(?:'ll| will)? (?:come|coming) (?:and|n|to) (?:get|find) (?:you|u)\b|\bor (?:i'?ll|ill|i will|im|i'?m) (?:coming|come|driving) (?:over|round|there|down)\b",
    ),
    (
        H,
        PH,
        "self_harm_more",
        r"\bdo something stupid\b|\bno point (?:in )?(?:me )?(?:being (?:here|around|alive)|living|going on|carrying on)\b|\b(?:take|swallow|taking) all (?:my|the|of my|mums?'?) (?:\w+ )?(?:tablets|pills|meds)\b|\bi swear if (?:you|u) (?:leave|go|walk)\b|\bjust (?:don'?t|dont) leave\b|\bit'?ll be (?:ur|your) fault\b",
    ),
    (
        H,
        PH,
        "fear_more",
        r"\b(?:i'?m|im|i am|i was|i'?ve been|i feel) (?:a bit |so |really |genuinely |actually |still |quite |properly |very |too )?(?:scared|terrified|frightened|petrified|jumpy)(?: (?:tbh|honestly|ngl|rn|right now|lot))?(?= *(?:[.!,?]|$))|\b(?:scared|terrified|frightened|afraid) to (?:stay|be (?:here|home|alone)|sleep|go (?:home|back)|leave|come home)\b|(?:^|[.!?] )(?:scared|frightened|afraid|terrified)\?|\bmust (?:have|'ve) been (?:terrifying|so scary|frightening)\b",
        NEG,
    ),
    (
        H,
        PH,
        "physical_more",
        r"\b(?:threw|thrown|throws|chucked|lobbed|hurled) (?:a |the |my |your |his |her )?(?:\w+ ){0,2}(?:at|across|against) (?:me|my head|you|her|the (?:wall|door|floor))\b|\b(?:stood|standing|towering) over (?:me|her)\b|\bbarely touched (?:u|you|her|me)\b|\bplay fight(?:ing)?\b|\bkept me (?:up|awake) (?:all night|till|until)\b|\bso (?:i|she) (?:couldn'?t|could not|can'?t) (?:leave|get out)\b|\bcan'?t get out (?:the|of the) (?:front|back|house|flat)\b|\blocked (?:with the key|the (?:front |back )?door so)\b|\b(?:are|r) (?:you|u) hurt\b|\bis (?:he|she) (?:around|there|home|back|still there)\?|\bsomewhere (?:you can|safe to) (?:talk|text|speak)\b|\btext safely\b",
    ),
    (
        H,
        PH,
        "kids_lever",
        r"\bwon'?t see (?:them|the kids|the children|your kids|him|her) (?:for|again|ever)\b|\btake (?:the kids|them|the children|the boys|the girls) (?:off|away from) (?:you|u|me)\b|\buse the (?:kids|children) to\b|\b(?:depends|relies) on my (?:sponsorship|visa|money)\b",
    ),
    # ---------------- PROTECTOR_CLAIM ----------------
    (
        P,
        PH,
        "looking_out_u",
        r"\blook(?:ing|s|ed)? (?:out for|after) (?:u|ya)\b|\bkeep(?:ing|s)? (?:u|ya) safe\b|\bi only do (?:this|it|that) so\b|\bso (?:nobody|no one|noone) (?:mugs|hurts|takes|messes|bothers|scams|rips)\b|\b(?:keeping|keep|kept) (?:you|u) (?:on an even keel|out of trouble|on track|grounded)\b|\bi'?m the one who(?:'s)? (?:picks? up the pieces|here every day|looks? after|keeps?)\b",
    ),
    (
        P,
        PH,
        "safe_here",
        r"\b(?:you'?d|you'?ll|u'?d|you would|you will|you'?re) be safe (?:here|there|with|at)\b|\b(?:won'?t|will not|can'?t|never|not) (?:get|getting) (?:near|past|to) (?:you|u|my (?:front )?door|the door|her|him)(?:[,.!]|$| i promise| here)|\bnobody'?s getting past\b",
    ),
    (
        P,
        PH,
        "thinking_of_you",
        r"\b(?:only|just) thinking (?:of|about) (?:you|u|your (?:safety|health|wellbeing))\b|\bfull of (?:weirdos|creeps|nutters|perverts|dodgy)\b|\b(?:they|scammers|people|men|lads) (?:target|prey on) (?:pensioners|people|girls|women|old)\b|\bso (?:you|u) don'?t (?:get in a muddle|get confused|get hurt|get scammed|get played|get taken advantage)\b|\b(?:you'?re|ur|you are) not safe to\b|\bnot safe for (?:you|u) to (?:drive|be driving|go|be out)\b|\bsafe from (?:you|yourself|u)\b",
    ),
    (
        P,
        PH,
        "protect_more",
        r"\b(?:need|needed|wants?|wanted) to know (?:you|u|she|i|he)(?:'re| are| were| was|'m| am| is|'s) (?:safe|ok|okay)\b|\b(?:wanted|wants|want|trying|tried|meant) to (?:protect|look after) (?:me|you|u|her|him|them)\b|\b(?:don'?t|do not|dont) need (?:looking after|protecting|protection|a babysitter|a bodyguard)\b|\bfor my own (?:good|safety|protection)\b|\b(?:someone|somebody)(?:'s| has) (?:got )?to keep (?:her|him|them|you|u) safe\b",
        None,
    ),
    # ---------------- BOUNDARY_LANGUAGE ----------------
    (
        B,
        PH,
        "permission",
        r"\b(?:don'?t|do not|dont) need (?:your|ur) (?:permission|approval|say-so|blessing)\b|\bnot asking (?:your|ur|for) permission\b|\bshouldn'?t have to (?:show|tell|explain|ask|justify|account)\b|\bi can (?:check|take|do|handle|manage|sort|bring) (?:it|the \w+|that|this)(?: \w+)? myself\b|\bnot changing my mind\b",
    ),
    (
        B,
        PH,
        "not_touching_mine",
        r"\b(?:ur|you'?re|youre|u r|you are) not (?:touching|having|getting|reading|taking|going through|seeing|filming|recording|checking) (?:my|me)\b|\b(?:don'?t|dont|do not|never) (?:open|read|go through|go in|go into|look through|snoop (?:in|through)) my\b|\b(?:don'?t|do not|dont) want (?:you|u) (?:reading|going through|touching|checking|looking at|opening|in|going in) my\b|\byou don'?t get to (?:go into|touch|use|see|open|know|have|check)\b|\bleave (?:my|her|his|\w+'s) (?:\w+ )?(?:messages|phone|stuff|things|room|post) alone\b|\bstop (?:going|coming|looking|snooping|poking) (?:in|into|through|round) my\b",
    ),
    (
        B,
        PH,
        "want_mine_back",
        r"\b(?:want|need) (?:my|me) (?:\w+ )?(?:card|keys?|passport|phone|tablets|pills|meds|money|documents|laptop|car|account|savings) back\b|\bwant that key (?:given )?back\b",
    ),
    (
        B,
        PH,
        "mine_not_yours",
        r"\bnot (?:yours|his|hers|theirs|ur) to (?:tell|share|decide|read|post|give|use)\b|\b(?:stuff|business|phone|things|money|life|body), not (?:yours|his|hers)\b|\b(?:it'?s|it is|its|that'?s|that is) my (?:account|card|room|passport|code)\b|\bmy (?:phone|room|body|money|house|life|account)[,.] my (?:code|rules|choice|business|decision|call|password)\b|\b(?:your|ur) (?:room|phone|body|money|savings|life)(?:'s| is| are)? (?:yours|your (?:space|rules|choice|business))\b|\bjust mine\b|\bkeep (?:my|a bit of my|some of my) (?:own )?(?:\w+ )?(?:account|money|savings)\b",
    ),
    (
        B,
        PH,
        "break_from",
        r"\b(?:need|needed|want|wanted|taking|take) (?:a |some )?(?:break|breather|time|space|couple of days|few days|days) (?:from (?:this|you|u|us|talking|him|her|each other|the relationship)|to think|apart|away from (?:you|u|this|him|her))\b|\b(?:turned|put) ghost mode on\b|\bwanted a break\b|\bi need a break[.!]*$",
    ),
    (
        B,
        PH,
        "private_more",
        r"\b(?:dms|messages|chats|texts|photos|pics|account|insta|profile|diary|post|letters|emails|stuff|those) (?:are|is|were|was) (?:\w+ )?private\b|\b(?:its|it'?s|it is|thats|that'?s) private\b|\b(?:on|to) private\b|\b(?:was|is|stays?|stay) between (?:us|you and me|me and you)\b|\bprivacy'?s? (?:is )?for\b",
    ),
    (
        B,
        PH,
        "help_more",
        r"\b(?:guards|gardai|garda|helpline|mediator|refuge|victim support|samaritans|barring order|injunction|safety plan)\b|\breport(?:ing)? (?:him|her|them|your account|ur account|the account|you|u)\b|\blet(?:ting)? (?:the|my) (?:solicitor|lawyer|police|guards) know\b",
    ),
    (
        B,
        PH,
        "evidence_more",
        r"\bscreenshot (?:everything|away|it all|all of it|this)\b|\b(?:i'?m|im) (?:saving|keeping|logging|documenting) (?:all|every|everything|this)\b|\bsaved (?:screenshots|copies|everything)\b",
    ),
    (
        B,
        PH,
        "contact_terms",
        r"\b(?:all )?(?:communication|contact|everything) (?:goes|go|will go|has to go|is going) (?:through|via)\b|\bi won'?t (?:reply|respond|answer) (?:to anything|here|to that|again|anymore)\b|\b(?:handover|handovers|pick ?ups?|drop ?offs?) (?:stays?|is|are|will be) at\b|\bparenting app\b|\bdon'?t come to (?:the|my) (?:house|flat|door|work|school)\b|\bonly (?:contact|text|message|call|email) me (?:on|through|via)\b|\bdon'?t want (?:you|u|him|her) anywhere near\b|\bstay away from (?:my|the) (?:house|flat|work|kids|family|door)\b|\bneed to stay away\b|\bask (?:you|u) (?:before|first)\b|\bdon'?t want (?:u|you|ppl|people|him|her|anyone) (?:seeing|knowing|tracking|watching) (?:where|what|who)\b",
    ),
    (
        B,
        PH,
        "securing_more",
        r"\blog(?:ging|ged)? (?:\w+ ){0,2}out of (?:it|everything|my|the)\b|\b(?:taking|took|taken|removed?|removing) (?:him|her) off (?:find my|my \w+|the family plan)\b|\b(?:taking|took|taken|removing) (?:u|you) off (?:find my|my \w+)\b|\b(?:locks|login|logins|passwords?|passcode|pin)(?: are| is| have been| has been| got)? (?:all )?changed\b|\b(?:i'?m|im|i am|i'?ll|ill) (?:telling|tell) (?:my (?:mum|mom|mam|dad|teacher)|the teacher|miss \w+)\b|\bstop (?:hitting|kicking|banging|punching) (?:the|my|me)\b",
    ),
    # ---------------- THREAT_OF_EXPOSURE ----------------
    (
        E,
        PH,
        "still_got_material",
        r"\bstill (?:got|has|have|ha?s got|kept) (?:all )?(?:of )?(?:the |those |these |your |ur |them |some |my )?(?:\w+ )?(?:pics|pictures|photos|videos?|vids|nudes|clips|screenshots|recordings|audio)\b|\bi'?ve got (?:the|your|ur) (?:clips|audio|recordings?|screenshots)\b|\bgot screenshots of\b|\b(?:a )?(?:folder|file|dossier) on (?:you|u|her|him)\b",
    ),
    (
        E,
        PH,
        "nobody_sees",
        r"\b(?:nobody|no one|noone)(?: ever)? (?:sees|hears|finds out|gets) (?:anything|them|it|a thing)\b|\band there'?s no problem\b|\b(?:gets?|getting) a copy\b|\bdon'?t make me (?:send|post|show|share|tell|forward)\b|\bblackmail\w*|\bif (?:you|u) don'?t pay\b|\bsextort\w*",
    ),
    (
        E,
        PH,
        "dont_share_mine",
        r"\b(?:don'?t|do not|dont) (?:tell|show|send|post|share|forward|leak|upload)(?: (?:them|it|those|that|these|this|anything|my \w+))?(?: to)? (?:anyone|anybody|everyone|my (?:mum|mom|dad|boss|work|family|parents|sister|brother)|the group)\b(?![^.!?]{0,40}(?:surprise|birthday|party|present|gift|lol|😂|haha|🤫|spoil))|\bplease (?:don'?t|do not|dont) (?:post|send|share|leak|upload) (?:them|it|those|these|the (?:pics|photos|video|videos|pictures))\b",
    ),
    (
        E,
        PH,
        "send_to_group",
        r"\b(?:send|post|show|share|forward|leak)(?:ing)? (?:that|this|those|these|your|ur) (?:\w+ ){0,2}(?:screenshots?|pics?|photos?|videos?|vid|clips?|messages|texts|recording)\b[^.!?]{0,40}\bto (?:the |your |ur )?(?:group ?chat|everyone|year chat|\w+ chat|facebook|insta|your \w+|ur \w+)\b|\bgo(?:es)? (?:on|up on|to) (?:your|ur) (?:\w+'s )?(?:facebook|fb|insta|instagram|story|page|timeline)\b|\b(?:video|vid|pics|photos)(?: \w+)? goes? up\b|\b(?:send|post|share|show|leak)(?:ing)? (?:them|it|those) (?:round|around|out to)\b",
    ),
    (
        E,
        PH,
        "tell_authority",
        r"\b(?:he|she|they)(?:'d|'ll| would| will| said (?:he|she|they)'?d| is going to| was going to| threatened to) (?:\w+ )?(?:tell|ring|call|email|inform|message|contact|report me to) (?:the )?(?:my|our|her|his) (?:parents|work|boss|manager|family|mum|mom|dad|husband|wife|employer|landlord|church|friends)\b|\b(?:tell|ring|call|email|inform|contact|report (?:you|me|her|him) to) (?:the )?(?:home office|immigration|social services|child services|cafcass|centrelink|hmrc|dwp)\b|\b(?:i|just) (?:could|might|'ll|will) (?:just )?tell (?:your|ur) (?:new )?\w+ (?:why|what|about|how|that)\b",
    ),
    (
        E,
        PH,
        "interested_party",
        NOT_MINE
        + THIRDP
        + r" (?:would|will|might|'d) (?:be )?(?:very |really |so |most )?(?:interested|fascinated)\b|\b(?:court|judge|police|social services|your \w+)(?: will| would|'ll|'d)? find (?:it|this|that|them) (?:very |really |most )?(?:interesting|fascinating)\b|\b(?:inbox|email|feed|timeline|phone) (?:got|gets|getting|get) interesting\b|\bwonder (?:what|how) (?:[\w']+ ){1,4}(?:would|will|might|'d) (?:make of|feel about|think (?:of|about)|say (?:about|to|if))\b|\b(?:never|wouldn'?t) dream of (?:showing|sending|telling|sharing|posting)\b|\b(?:want|like) (?:your|ur) (?:\w+ ){0,2}(?:seeing|to see|reading|hearing) (?:those|these|them|this|that)\b|\b(?:would|will|'d) (?:love|enjoy) (?:the |those |these |that |this )?(?:video|vid|pics|pictures|photos|clips|screenshots|recording)\b|\bvisa (?:is (?:finished|done|over|gone)|renewal)\b|\bone (?:phone )?call and\b",
    ),
    # ---------------- SURVEILLANCE_CLAIM ----------------
    (
        S,
        PH,
        "location_more",
        r"\b(?:ur|your|my|her|his) (?:live )?location (?:said|says|showed|shows|has|put you|had you)\b|\b(?:my|ur|your|her|his|little|blue) dot\b|\bghost mode\b|\b(?:location )?sharing (?:off|back on)\b|\bturned (?:sharing|it) (?:off|back on)\b|\b(?:see|seeing|check|checking|watching|track|tracking) (?:my|ur|your|her|his) location\b|\b(?:on|off|to|from|in) find my\b|\bfind my (?:app|network|device)\b|\bknow exactly where (?:you|u|they|she|he|i) (?:are|is|am|were|was|go)\b|\b(?:it|location) stays on\b|\bcould see me the whole time\b",
    ),
    (
        S,
        PH,
        "can_see_you",
        r"\bi can see (?:you'?re|ur|you are|u r|youre|u) (?:online|active|typing|on)\b|\bcan see (?:ur|your|her|his) (?:location|drive|house|messages|dms|stories|screen|texts|every|statements?|emails)\b|\bsee for myself\b|\bi'?ll know[.!]*$|\bsee every (?:cent|penny|pound|transaction|purchase|thing you|message)\b|\bi see (?:the|your|ur) (?:statements?|bank|transactions)\b|\b(?:card|account)'?s? linked to my\b",
    ),
    (
        S,
        PH,
        "has_login",
        r"\b(?:have|got|know|knows|has|saved) (?:ur|your|my|her|his) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:login|log-in|password|passcode|pin)\b(?! for (?:the )?(?:wifi|netflix))|\blogged (?:in)?to (?:my|your|ur|her|his) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:banking|account|email|icloud|gmail|insta|facebook|phone)\b|\blogs in from\b|\b(?:see|read|check|look at|go through) (?:who (?:u|you)(?:'ve| have)? been|ur|your|her|his) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:dming|texting|messaging|messages|dms|texts|chats|emails|whatsapps?|snaps)\b|\bi'?ll (?:have|get|find out) the new (?:ones?|password|code|passcode|pin)\b",
    ),
    (
        S,
        PH,
        "read_your_chat",
        r"\b(?:read|been reading|opened|go through|going through|went through|goes through|been in|been into|gone into|go into|looked through|looking through|snooped (?:in|through)) (?:your|ur|my) (?:\w+ )?(?:chats?|convos?|conversations?|dms|messages|texts|emails?|whatsapps?|snaps|settings|camera roll|call log|search history|browser history|post|letters|diary|statements|bank)\b|\b(?:chat|messages|email|letter|post)(?: \w+)? (?:got|was|were|been) opened\b|\bi opened it\b|\b(?:he|she) reads (?:everything|all my)\b|\b(?:he|she) likes to go through\b",
    ),
    (
        S,
        PH,
        "record_film",
        r"(?:\b(?:recorded|recording|filmed|filming|photographing|photographed) (?:every|everything|all of|you|u|me|her|your|ur|our|the (?:video )?call|it all)\b(?! (?:a |an |the )?(?:song|match|game|goal|gig|concert|dance|set|play|podcast|episode|show))|\bcamera'?(?:ll| will) be rolling\b|\bfilm what i like\b|\blistens? (?:in )?(?:through|on|to) the (?:baby )?monitor\b|\bphotos of (?:your|ur) (?:\w+ )?(?:bins?|house|car|door|drive|windows?|recycling)\b|\bdashcam\b|\bsends (?:him|her|me) a (?:clip|notification|alert|video)\b|\b(?:wifi|router|app)(?: \w+)? (?:shows|tells|lets) (?:me|him|her) (?:every|everything|where|what|who)\b)"
        + MEDIA,
        None,
    ),
    (
        S,
        PH,
        "told_on_you",
        r"(?<!you )(?<!u )\b(?:told|tells|telling) (?:me|him|her) (?:u|you|she|he) (?:had|were|was|went|left|met|been)\b|\bhad (?:a |some )?['‘]?(?:man|guy|bloke|friend|fella|someone|somebody)['’]? (?:round|over|back)\b|\btells (?:him|her|me) everything\b|\bshow me (?:your|ur) (?:stories|posts)\b|\basking (?:people|ppl|everyone|my friends|around) about me\b|\basked \w+ to tell (?:u|you|him|her) when\b|\bi asked \w+ and (?:she|he|they) said\b",
    ),
    (
        S,
        PH,
        "never_told",
        r"(?:\b(?:i )?(?:never|didn'?t|did not|hadn'?t|haven'?t) (?:told|tell|mentioned|mention) (?:anyone|anybody|a soul)\b|\bbefore i'?d (?:even )?told anyone\b|\byou must (?:have|'ve) (?:mentioned|told me|said)\b|\bhow (?:are|r|is|was|were) (?:u|you|he|she) (?:even )?(?:seeing|reading|getting|knowing)\b|\b(?:put|install|installed|putting) (?:it|something|an app|spyware|a tracker|that app|this app) (?:on|onto) (?:my|your|ur) (?:phone|laptop|car|ipad|tablet|computer)\b|\bspyware\b)"
        + MEDIA,
        None,
    ),
    (
        S,
        PH,
        "display_more",
        r"\bbedroom lights?(?:'s| is| are) (?:still )?on\b|\byou left (?:the gym|work|the office|home|the house|school|college|the pub) at\b|\byou looked (?:\w+ )?(?:at|in) the (?:gym|shop|park|pub|cafe|café|office|station)\b|\b(?:car|truck|van)(?: was| is|'s)? (?:parked|left) (?:at|outside|by|near) (?:the|your)\b|\bcar left at\b|\bwhy (?:were|was|are|r) (?:you|u|ur phone|your phone) (?:googling|searching|on airplane|on aeroplane|offline|in incognito)\b|\b(?:airplane|aeroplane) mode\b|\bi (?:only|just) (?:check|look|read|track|watch)(?:ed|s)? (?:\w+ )?(?:because|bc|cos|coz|cause|cuz|when|so)\b|\b(?:couldn'?t help noticing|i noticed) (?:that )?(?:you|u|your)\b|\bstop (?:checking|reading|tracking|watching|following|monitoring|filming|recording|spying on|snooping|going through|looking at|listening to) (?:my|me|her)\b"
        + LAUGH
        + r"|\btrack(?:ing|ed|s)? (?:me|my (?!parcel|order|package|delivery|steps|runs?|sleep|period|cycle|calories|spending|budget|food|workouts?|progress|flight|habits|macros|weight|time|hours))",
    ),
    # ---------------- CONTROL_ACCESS ----------------
    (
        C,
        PH,
        "has_my_things2",
        r"(?:(?<!that)(?<!it)(?<!what)(?<!where)(?<!there)(?<!here)'s|\bhas)(?: got| had| been keeping) (?:my|her|your|ur|mum'?s|dad'?s) (?!own)(?:\w+ )?(?:passport|phone|keys|car keys|bank card|card|documents|id|birth certificate|letters|paperwork|tablets|meds|medication|pills|laptop|wallet|sertraline)\b(?! (?:number|case|charger))|\b(?:he|she) had my (?:phone|passport|keys|card)\b|\bhas (?:he|she) got (?:your|ur|my|her) (?:phone|passport|keys|card)\b|\b(?:have you|who'?s|who has) (?:taken|moved|hidden|hid) (?:my|the) (?:\w+ )?(?:card|passport|keys|phone|tablets|pills|meds|medication|sertraline|inhaler)\b|\bwhere(?:'s| is) my (?:bank )?card\b",
    ),
    (
        C,
        PH,
        "kept_away",
        r"\b(?:keys|phone|passport|passports|card|cards|tablets|pills|meds|documents|laptop)(?:'s| is| are)? (?:stay|stays|staying|stopping) (?:with me|in (?:my|the|his|her) \w+|here|downstairs|locked)\b|\b(?:they'?re|it'?s|they are|it is) (?:staying|kept|locked) in (?:my|his|her) (?:drawer|safe|desk|lockbox|room|office|car|bag)\b|\b(?:it'?s|they'?re) in (?:the|his|her|my) (?:safe|lockbox)\b|\blockbox\b|\bkeep(?:ing|s)? (?:hold of|it in his|it in her) \b|\bhang(?:ing)? on ?to (?:your|ur) (?:keys|card|phone|passport|bank card)\b|\bgive (?:you|u) (?:one|your dose|them|your \w+) (?:each|every) (?:morning|night|day|evening)\b|\byour dose\b|\byou get (?:them|it|your \w+) when i say\b",
    ),
    (
        C,
        PH,
        "money_route",
        r"\b(?:pip|universal credit|benefits|pension|wages|salary|dla|child benefit|centrelink|allowance)(?: \w+){0,2} (?:into|in|to) (?:the joint|his|her|my(?! own)|your|their)(?: \w+)? account\b|\b(?:moved|transferred|put) (?:it|your \w+|the money|ur \w+) into the joint\b|\bchanged the address on\b|\b(?:handling|managing|controlling|control|runs|in charge of) (?:all )?(?:the|your|ur|her|his|our) (?:money|pension|finances|banking|accounts?|benefits|pip)\b|\bdoes all the money\b|\b(?:easier|better|simpler) for me to (?:manage|handle|keep an eye on|control|look after)\b|\bi decide (?:who (?:comes|goes|sees|visits)|what (?:you|u) (?:spend|buy|wear|get))\b",
    ),
    (
        C,
        PH,
        "cut_services",
        r"\b(?:took|taken|take|taking|kick\w*|removed?) (?:you|u|her) off (?:the )?(?:family |phone )?(?:plan|account|insurance|policy|lease|wifi)\b|\bturned (?:your|ur|her|the) (?:data|wifi|internet|phone|sim) off\b|\b(?:wifi|internet|data|landline|phone)(?:'s| is| are)? (?:off|disconnected|cut off|switched off) (?:till (?:you|u)|until (?:you|u)|unless (?:you|u)|too)\b|\bdisconnected too\b|\bname'?s? off the\b|\bcut (?:my|your|ur|her) (?:phone|wifi|internet|data|card) off\b|\bno car and no money\b|\b(?:taking|take|took) my name off the (?:lease|tenancy|mortgage|account)\b|\bdon'?t expect (?:the car|money|a lift|any money)\b",
    ),
    (
        C,
        PH,
        "credentials_demand",
        r"\b(?:give|send|hand|tell|forward) me (?:your|ur) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:login|log-in|logins)\b|\bgive me (?:the|your|ur) code\b|\bforward (?:it|the code|that code) to me\b|\bcode\. now\b|\bcouples share passwords\b|\b(?:what'?s|whats) (?:ur|your) (?!wifi|netflix)(?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:password|passcode|login|pin)\b|\bgive me (?:ur|your) phone\b|\bpassword thing\b|\b(?:you|he|she|they|someone)(?:'ve| have| has)? changed (?:my|the|our|your|her) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:password|login|pin|passcode)\b|\bi(?:'ve)? changed the (?:login|password|pin|passcode)\b|\b(?:you'?re|ur|you are|she'?s) locked out\b|\block (?:me|you|u|her) out\b|\b(?:he|she|they|still)(?: still)? (?:has|have|'s got|has got|knows?|got) (?:ur|your|my|her|his) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:login|log-in|password|passcode)\b(?! for (?:the )?(?:wifi|netflix))|\bi (?:have|know|got) (?:ur|your|her|his) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:login|log-in|password|passcode)\b(?! for (?:the )?(?:wifi|netflix))",
    ),
    (
        C,
        PH,
        "conditions",
        r"\bdelete (?:him|her|his number|her number)\b|\bchange the locks\b|\byou don'?t need (?:that job|a job|to work|college|uni|your (?:own )?(?:card|bank card|account|passport|money|job|wages))\b|\bhanding (?:your|ur) notice in\b|\bi decide who (?:comes|visits|sees|goes)\b|\b(?:say sorry|apologi[sz]e) and (?:you'?ll|u'?ll|you can) (?:have|get)\b|\bi'?ll give (?:you|u) £\d+(?: \w+){0,3} (?:if|when|once)\b|\b(?:had|has|have|having) to ask (?:him|her|them|me) for (?:\w+ )?(?:money|cash|permission|the car|fare)\b|\bask(?:ing)? me for (?:\w+ )?money\b|\b(?:haven'?t|never|didn'?t|not) (?:touched|taken|moved|hidden) (?:your|ur|her) (?:tablets|pills|meds|medication|passport|keys|phone|card|money)\b|\bgive (?:that|that card|my card) back\b",
    ),
    # ---- BROAD2, second pass: meaning families not tied to any one split ----
    (
        H,
        PH,
        "ill_hurt_you2",
        r"\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|i'?m going to|gonna|i swear i'?ll) (?:slap|punch|batter|strangle|deck|thump|stab|choke|throttle) (?:you|u|ya|her|him)\b|\b(?:get you|have you) (?:sacked|fired|deported|evicted|arrested|struck off)\b|\b(?:burn|bin|dump|smash up|get rid of) (?:all )?(?:your|ur) (?:stuff|things|clothes|dog|cat)\b|\bend it all\b|\bcan'?t live without (?:you|u)\b|\bbetter off dead\b|\bdo as (?:you'?re|ur|you are) told\b"
        + LAUGH,
    ),
    (
        H,
        PH,
        "temper_fear",
        r"\b(?:his|her) temper\b|\bwhen (?:he|she)(?:'s| is| gets)? (?:drunk|angry|like this|in a mood|in one of his moods|in one of her moods)\b|\b(?:bruises?|marks) (?:on (?:my|her|your) (?:arm|arms|neck|face|wrist|wrists|legs?|back)|from (?:him|her|where))\b|\b(?:no way out|nowhere (?:else )?to go|can'?t get away from (?:him|her))\b|\bstuck here with (?:him|her)\b"
        + LAUGH,
    ),
    (
        P,
        PH,
        "best_for_you",
        r"\bwhat'?s best for (?:you|u|her|him|the kids|this family|us)\b|\bdon'?t trust (?:him|her|them|those|that|people|anyone|men|lads) (?:around|with|near) (?:you|u|her|him)\b|\b(?:you'?re|you are|ur|you'?d be|you'?ll be) safer (?:at home|with me|here|in here|without)\b|\bout of (?:love|concern)\b|\b(?:he|she|they) (?:only |just )?(?:protects?|wants? to protect) (?:you|u|her|him|me)\b"
        + LAUGH,
    ),
    (
        B,
        PH,
        "limit_general",
        r"\bcrossed (?:a|the) line\b|\bout of order\b(?! (?:printer|machine|lift|toilet|again))|\bdon'?t (?:you )?ever (?:do|speak|talk|touch|come|text|call|message|go through)\b|\bi'?m (?:a grown (?:woman|man|adult)|an adult)\b|\bmake my own (?:decisions|choices)\b|\bi (?:don'?t|do not|dont) owe (?:you|u|him|her|anyone) (?:an explanation|anything|a reply|my)\b|\bnot up to (?:you|u|him|her)\b|\byou don'?t get a say\b|\bi'?m not your (?:property|possession|prisoner|child|kid|slave)\b|\benough is enough\b|\bi (?:don'?t|dont|do not) like (?:it )?when (?:you|u) (?:check|read|go|look|track|take|touch|follow|turn up|show up|call|text|message|come)\w*\b|\bdon'?t ask (?:me )?again\b|\b(?:pack it in|knock it off)\b"
        + LAUGH,
    ),
    (
        B,
        PH,
        "leaving_you",
        r"\bi'?m (?:leaving you|moving out|breaking up with you)\b|\bi want (?:a divorce|to separate|out)\b|\bwe need to (?:separate|break up)\b|\bi (?:don'?t|do not|dont) want to (?:talk about (?:it|this|that)|discuss (?:it|this|that)|see you|be with you|do this)\b",
    ),
    (
        E,
        PH,
        "conditional_exposure",
        r"\bif (?:you|u) (?:don'?t|dont|won'?t|wont|do not|ignore|block|leave)\b[^.!?]{0,40}\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|i'?m going to) (?:send|post|show|share|tell|leak|forward|upload|email|message)\b|\bor (?:i|ill|i'?ll|i will) (?:send|post|show|share|leak|forward|upload|email|tell) (?:them|it|those|the|your|ur|everyone|everybody)\b|\bwhat if (?:your|ur) (?:\w+ ){0,2}(?:found out|saw|sees|finds out|knew|heard|got)\b|\bimagine (?:if )?(?:your|ur) (?:\w+ ){0,2}(?:saw|seeing|found out|finding out|knew|knowing|read|reading)\b|\b(?:ruin|destroy|wreck) (?:your|ur) (?:reputation|career|name|marriage)\b|\b(?:see|know) (?:what|who) (?:you|u) really (?:are|is)\b|\bout (?:you|u|her|him) to\b"
        + LAUGH,
    ),
    (
        S,
        PH,
        "through_phone",
        r"\b(?:go|goes|going|gone|went|been|looking|look|looked|snooping|snooped|scroll(?:ing|ed)?|rifl(?:ing|ed)|rummag(?:ing|ed)) through (?:my|your|ur|her|his) (?:phone|messages|texts|dms|chats|whatsapp|emails?|photos|pictures|call log)\b|\b(?<!did )(?<!have )(?:you|u|he|she)(?: have| has|'ve|'s)? (?:read|opened|checked|been through|gone through) (?:my|all my) (?:\w+ )?(?:messages|texts|dms|chats|emails|phone|diary|post|letters|journal|whatsapps?)\b|\b(?:he|she|they|you|u|someone|somebody)(?:'s|'re| is| are| was| were| keeps| kept)? (?:following|followed) me\b(?! (?:on|back))|\b(?:drive|drives|driving|drove|walks|walking|walked) past (?:my|her|the) (?:house|flat|place|work|door)\b|\b(?:parked|sat|sitting|waiting|standing) outside (?:my|her|your|ur) (?:house|flat|work|place|door|office)\b|\b(?:location|search) history\b|\blisten(?:ing|ed|s)? in (?:on|to)\b|\beavesdrop\w*|\beyes on (?:you|u)\b|\bcameras? (?:in|around|inside|all over) (?:the|our|my|your) (?:house|flat|home|bedroom|living room|kitchen|room|lounge)\b|\b(?:checked|checking|check) (?:the )?(?:mileage|odometer)\b"
        + MEDIA,
    ),
    (
        C,
        PH,
        "control_general",
        r"\b(?:hand over|give me|turn over) (?:your|ur) (?:phone|card|bank card|keys|car keys|wages|pay|money|passport|laptop|pin|password|passcode)\b|\bnot giving (?:you|u) (?:the |your |ur |any |back )?(?:car|keys|card|money|phone|passport|cash)\b|\b(?:won'?t|not going to|not gonna) let (?:you|u) (?:have|use|drive|take|touch|keep|spend|work)\b|\bearn (?:it|them|your \w+) back\b|\bhousekeeping (?:money|allowance)\b|\bunder my roof\b|\b(?:took|taken|takes|grabbed|snatched) (?:it|them|my \w+) (?:off|from) (?:me|her)\b|\b(?:removed|deleted|unfriended|blocked) (?:him|her|them|\w+) (?:from|off|on) (?:your|ur) (?:contacts|friends|phone|insta|facebook|snap)\b"
        + LAUGH,
    ),
    # ---- BROAD2, third pass: chat spellings and everyday paraphrases ----
    (
        S,
        PH,
        "where_u_are",
        r"\bi can see (?:where (?:u|you)|(?:u|you)(?:'re|r| are)? (?:at|in|still at|still in|near) )|\b(?:app|map|tracker|life360|find my|snap ?map)(?: \w+)? (?:says|said|shows|showed) (?:you|u|ur|your|she|he)\b|\b(?:u|you) (?:were|was) (?:online|active|on (?:whatsapp|insta|snap))\b|\bthru (?:my|your|ur|her|his) (?:phone|messages|texts|dms|chats|stuff)\b|\bhack(?:ed|ing)? (?:into )?(?:my|your|ur|her|his) (?:(?:icloud|insta|instagram|bank|banking|online banking|email|gmail|snap|snapchat|apple|google|facebook|fb|phone|tiktok|paypal|work|new|old|whatsapp) )?(?:account|insta|email|phone|snap|facebook|icloud)\b|\bkeep(?:s|ing)? track of (?:you|u|me|her|where|who|what you)\b|\bparental controls?\b|\bfamily link\b|\b(?:found|there'?s|there was) (?:an? )?(?:airtag|tracker|gps tracker|hidden camera|bug) (?:in|on|under)\b"
        + MEDIA,
    ),
    (
        H,
        PH,
        "harm_general2",
        r"\blook what (?:you|u) (?:made|make) me do\b|\byou made me (?:do it|do that|hit|lose it)\b|\b(?:you'?re|ur|you are|u r) not (?:going out|leaving (?:this|the) (?:house|flat|room))\b|\b(?:i'?m|im|i am|we'?re|we are|the kids are) not safe\b(?! to (?:drive|be driving))|\b(?:he|she)(?:'ll| will|'s going to|'s gonna) find (?:me|us)\b|\bfound out where (?:i|we) (?:live|am|are|work)\b",
        NEG,
    ),
    (
        P,
        PH,
        "protect_general2",
        r"\bcan'?t (?:cope|manage|survive|function) without me\b|\b(?:you'?re|you are|ur) not (?:well enough|in a fit state|thinking straight)\b|\bfor your (?:own )?health\b|\b(?:i'?ll|i will|let me|i just want to|trying to) (?:take care of|look after) (?:you|u)\b|\b(?:you'?re|ur|you are) (?:too|so) (?:trusting|naive|vulnerable|gullible)\b|\bdon'?t want (?:you|u) (?:getting|to get) (?:hurt|into trouble|played|taken advantage of)\b"
        + LAUGH,
    ),
    (
        B,
        PH,
        "autonomy",
        r"\bdon'?t tell me what to (?:do|wear|say)\b|\b(?:you|u) can'?t tell me what to\b|\b(?:you|u) don'?t (?:own|control) me\b|\b(?:you'?re|ur|you are) not my (?:dad|father|mum|mom|mother|boss|keeper|parent)\b|\bi can (?:go|see|talk to|wear|spend|text|do) (?:where|who|whoever|wherever|what|whatever) i (?:want|like|please)\b|\bi (?:don'?t|dont|do not) (?:need|have) to (?:explain|justify) myself\b|\b(?:it'?s|its|that'?s|thats) personal\b|\bwithout (?:asking|telling) me\b|\bi'?m allowed (?:to (?:have|see|go|talk|spend|keep)|friends|my own)\b|\bnot (?:your|ur) (?:phone|money|body|account|room|life|stuff)\b|\b(?:want|need|like|getting|get) (?:my|a) own (?:key|card|phone|bank account|set of keys)\b",
    ),
    (
        E,
        PH,
        "exposure_general2",
        r"\bshow (?:ur|your) \w+ (?:what (?:you|u)|those|these|them)\b|\b(?:ima|imma|i'?mma|gonna|im gonna|im going to|ill|i'?ll) (?:tell|show|send|dm) (?:ur|your) (?:mum|mom|mam|dad|parents|boss|manager|wife|husband|girlfriend|boyfriend|gf|bf|family|sister|brother|teacher|nan|gran)\b|\b(?:everyone|everybody|the whole (?:\w+ )?(?:school|class|town|family|group|internet|world|estate|office))(?:'s| is| are)? (?:gonna|going to|about to) (?:see|know|find out|hear|read)\b|\b(?:leak|spread|expose)(?:ing|ed)? (?:ur|your|my) (?:\w+ )?(?:pics|photos|nudes|vids|videos|messages|dms|texts|secrets?|business|address|number)\b|\b(?:post|share|send|show)(?:ing|ed)? (?:ur|your|her|my) nudes\b|\b(?:make (?:it|this|them) public|go public with)\b|\bunless (?:you|u) (?:pay|send (?:me )?(?:more|money|another)|come back|answer|unblock)\b"
        + MEDIA,
    ),
    (
        C,
        PH,
        "control_general2",
        r"\bno (?:phone|car|money|wifi|internet|card) for (?:you|u)\b|\b(?:stop|stopped|stopping) paying (?:for )?(?:your|ur|her) (?:phone|rent|bills|card|car|contract|insurance)\b|\bwhose (?:money|house|flat|name|card|car) is it\b|\byou(?:'ll| can| have to| need to) earn (?:it|them|your)\b|\b(?:logged in as|posting from|posted from|messaged (?:\w+ )?from) (?:me|my (?:account|phone|insta))\b",
    ),
]

BROAD2 = [rule if len(rule) >= 5 else (*rule, None) for rule in BROAD2]


# ---- BROAD3: phrase families for the wording of train_g and train_h (written from
# eval/GUIDELINES.md and the misses on dev and train_a–train_h; train_i kept back) ----
BROAD3 = [
    # ---------------- SURVEILLANCE_CLAIM ----------------
    (
        S,
        PH,
        "small_world",
        r"\bsmall (?:world|town|street|place|village)\b(?! ?!)(?![^.!?]{0,30}(?:lol|haha|😂|🤣|didn'?t know))|\b(?:town|village)(?:'s| is) not that big\b|\bpeople (?:notice|talk|see|mention) things\b|\b(?:family|people|word) (?:finds|gets) (?:things|it) out\b",
        None,
    ),
    (
        S,
        PH,
        "funny_you_were",
        r"\b(?:funny|interesting|strange|odd|curious),? (?:that |how )?(?:you|u) (?:were|was) (?:near|at|in|outside|by|round|on|with)\b|\b(?:funny|interesting|strange|odd|curious),? (?:that |how )?(?:you|u) (?:had|found) (?:the )?time\b|\b(?:strange|funny|interesting|odd) that (?:\w+ ){1,4}(?:saw|spotted|seen|noticed)\b|\bhappened to (?:see|spot|notice) (?:you|u|your|ur)\b",
        None,
    ),
    (
        S,
        PH,
        "how_can_you_see",
        r"\bhow (?:can|could|did|do|are|r|would|come) (?:you|u|he|she) (?:even |still )?(?:see|seeing|know|knew|have seen) (?:that|this|my|where|what|about|who|i)\b|\bwho showed (?:you|u|him|her) my\b|\bwhy (?:were|was|are|r) (?:you|u) (?:in|on|going in|looking at) my (?:contacts|phone|map|messages|chats|dms|whatsapp|emails?|laptop|stories)\b|\bwhy (?:r|are) (?:u|you) (?:even )?on my map\b",
        None,
    ),
    (
        S,
        PH,
        "check_where",
        r"\bcheck(?:ing|s|in|ed)? (?:on )?(?:where|who) (?:i|u|you|she|he|they)(?:'m|'re| am| are| is| was| were|r)?\b|\bclocking (?:where|who|what)\b|\bkeep(?:ing|s)? tabs on\b|\bkeep(?:ing|s)? watch (?:over|on)\b|\b(?:reporting|report) back to (?:you|u|him|her|them)\b|\btells? (?:him|her|me|them) everything (?:i|you|u) (?:do|say)\b|\b(?:people|someone|somebody|them|him|her) (?:to )?watch (?:me|you|u|her)\b|\bwatch out for me\b",
        None,
    ),
    (
        S,
        PH,
        "in_your_phone",
        r"\b(?:went|go|goes|going|been|sitting|sat) (?:in|into) (?:ur|your|my|her|his) (?:phone|whatsapp|contacts|emails?|dms|messages|chats|laptop|snap|insta)\b|\b(?:u|you|he|she) went in it\b|\bin (?:ur|your|my|her|his) contacts\b|\b(?:ur|your) (?:phone|screen) (?:was unlocked|lit up|was on the side)\b|\b(?:read|reading|reads) (?:my|your|ur|her) (?:screen|phone|messages) over (?:my|your|ur|her) shoulder\b|\bover (?:my|your|ur|her) shoulder\b",
        None,
    ),
    (
        S,
        PH,
        "logged_in_on",
        r"\b(?:still|stayed|been) logged (?:in|into|on)(?: to)? (?:ur|your|my|her|his)\b|\blogged in since\b|\b(?:ur|your|my|her|his) (?:\w+ )?logged in on (?:her|his|their|my|ur|your) (?:phone|laptop|ipad|computer|tablet)\b|\blinked (?:it|my|your|ur|her) (?:\w+ )?to (?:my|his|her) (?:ipad|phone|laptop|account)\b|\bgot (?:ur|your|my|her) (?:insta|email|gmail|snap|whatsapp|icloud|facebook) (?:logged in|on (?:her|his|my) phone)\b",
        None,
    ),
    (
        S,
        PH,
        "hear_every_call",
        r"\bhear every (?:call|word|conversation|phone call|thing (?:you|u) say)\b|\blisten(?:s|ing|ed)? (?:to|in on) (?:my|your|ur|her|his) (?:calls|phone calls|conversations|voice notes)\b|\brecord(?:s|ed|ing)? (?:the |my |your |ur |her )?(?:landline |phone )?calls\b|\bwalls (?:are|here are) (?:paper )?thin\b|\bstay out of my conversations\b",
        None,
    ),
    (
        S,
        PH,
        "quoted_me",
        r"\bquoted (?:smth|something|stuff|things|what|a message|a text) (?:i|she|he) (?:said|sent|wrote|told)\b|\b(?:said|sent|told) (?:to )?(?:\w+ ){1,3}word for word\b|\bword for word\b(?! (?:the|from|off))|\b(?:knew|knows|know) (?:\w+ ){1,4}before i(?:'d| had)? told\b",
        None,
    ),
    (
        S,
        PH,
        "tracker_device",
        r"\btracker(?:'s| is| was) for\b|\b(?:app|spyware|stalkerware|tracker) on (?:my|her|your|ur|his) phone\b|\bput (?:an |some |a )?(?:app|tracker|airtag|tag|camera) (?:on|in|under) (?:my|her|your|ur|his|the)\b|\b(?:tag|collar|airtag|tracker) (?:shows|showed|says) where\b|\bspyware\b|\bstalkerware\b|\bcan see everything (?:on|you|u|i)\b",
        None,
    ),
    (
        S,
        PH,
        "camera_watching",
        r"\bcamera(?:'s| is)? (?:is |was )?(?:there to|in (?:our|my|her|the) bedroom|in (?:the|our) hall)\b|\b(?:put|hid|installed) a (?:little |small |hidden |tiny )?(?:one|camera|cam) in the\b|\bdash ?cam(?:'s| is)? (?:pointing|pointed|facing)\b|\b(?:photographing|photographed|taking photos of|sending (?:you |him |her )?photos of) my (?:front door|house|flat|bins|car|window|door)\b|\bphotos of (?:your|ur|my) (?:recycling|bins?|front door)\b|\b(?:monitor|camera|cam|doorbell cam|app)(?:'s| is) off limits\b",
        None,
    ),
    (
        S,
        PH,
        "know_your_routine",
        r"\bi know (?:u|you) (?:finish|leave|get off|start|get out|clock off)\b|\bknows my (?:lunch break|routine|schedule|timetable|shifts?|movements)\b|\b(?:changed|moved) (?:your|ur) (?:gym|lunch|work|bus) (?:time|class|route)\b|\bwho(?:'s| is) (?:this|he|she|\w+) and why(?:'s| is) (?:he|she|they) (?:messaging|texting|calling|ringing|dming|liking)\b|\bmessaging (?:u|you) at \d",
        None,
    ),
    (
        S,
        PH,
        "send_proof",
        r"\bsend (?:me )?a (?:pic|photo|selfie|picture|vid|video) (?:of who|of where|with (?:the|ur|your|who))\b|\bprove (?:it|where (?:you|u) are)\b[.!]? (?:pic|photo|selfie|send)\b|\b(?:made|make|makes) me (?:turn|keep|put) (?:it|my location|find my|sharing|location) (?:back )?on\b|\b(?:go|goes|went|gone) grey\b",
        None,
    ),
    (
        S,
        PH,
        "see_transactions",
        r"\b(?:see|check|read|go through|looking at|look at) (?:every|all) (?:cent|penny|transaction|payment|purchase|statement)s?\b|\bsee (?:my|your|ur|her) (?:transactions|statements|spending|bank statements)\b|\bi see (?:the|your|ur) statements\b|\bsee everything that goes (?:in|out)\b",
        None,
    ),
    (
        S,
        PH,
        "snoop_denial",
        r"\b(?:wasn'?t|wasnt|not|never|i'?m not|im not) (?:\w+ )?(?:snooping|spying)\b|\bnobody'?s (?:reporting|spying|keeping tabs)\b|\bopens? (?:the|my|her|his) post\b|\bscreenshotted (?:it|them|that|this) (?:off|from) (?:ur|your|my|her|his) phone\b",
        None,
    ),
    (
        S,
        PH,
        "wants_to_see",
        r"\b(?:(?:wanna|want to|need to|gonna|going to) (?:see|read|check|look at|go through) (?:these|those|ur|your|her|his|the) (?:chats|messages|texts|dms|whatsapps?|emails|call log|call logs)\b|\b(?:she|he|they) (?:only |just )?checks? (?:my|your|ur|her|his) (?:stuff|phone|messages|location|texts|whatsapp|snap)\b|\bi (?:only |just )?check (?:your|ur|her|his) (?:stuff|phone|messages|location|texts|whatsapp|snap)\b|\bi check (?:cos|because|bc|coz|cause|cuz)\b|\bcomings and goings\b|\b(?:couldn'?t|can'?t|cannot|could not) help (?:noticing|seeing|overhearing|reading)\b|\bhabit of (?:snooping|spying|reading|checking|listening)\b|\bentitled to know (?:where|who|what|you|u)\b|\blocation back on (?:by|now|tonight|or|before)\b|\b(?:haven'?t|never|didn'?t) (?:given|told|sent) (?:anyone|anybody|you|u|him|her) (?:that|my|the) (?:new )?(?:address|number|postcode)\b|\bhow (?:were|was) (?:u|you|he|she) (?:at|near|outside|by) my (?:bus stop|house|flat|work|school|door|street|road|gym|office|stop)\b)"
        + LAUGH,
        None,
    ),
    (
        S,
        PH,
        "knowledge_slip",
        r"\b(?:you'?re|ur|he'?s|she'?s|they'?re) listening to (?:me|us|my)\b|\bwhen (?:you|u) (?:told|said to) me (?:you|u) (?:were|was) (?:at|in)\b|\b(?:saw|seen|noticed) (?:you|u) (?:messaged|texted|liked|were (?:online|typing|on|active))\b|\b(?:had|kept|took|taken) (?:it|my phone) for (?:like )?\d+ (?:mins|minutes|hours)\b",
        None,
    ),
    # ---------------- CONTROL_ACCESS ----------------
    (
        C,
        PH,
        "cant_take_mine",
        r"\b(?:u|you) (?:can'?t|cant|cannot) (?:take|keep|cut off|cancel|freeze|confiscate) my (?:phone|card|bank card|keys|car keys|money|wages|passport|car|laptop|tablets|meds)\b|\b(?:he|she) (?:had|has|knows|got|'s got) my (?:gmail |email |bank |banking |insta |icloud |phone |apple |google |online banking )?(?:pass|password|passcode|pin|login)\b|\b(?:have|got) (?:ur|your|her|his) own (?:login|account|card|key|money|bank account)\b|\bi want (?:it|them|my (?:phone|card|keys|passport|laptop|money)) back\b|\b(?:doesn'?t|don'?t|dont) need (?:a|her own|his own|your own|ur own) (?:card|bank card|phone|car|key|account)\b|\b(?:i'?ve|i have) (?:had|taken|kept) (?:the|your|ur|her) car keys\b|\bsaw the (?:card |bank )?statements?\b",
        None,
    ),
    (
        C,
        PH,
        "login_demand",
        r"\b(?:gimme|give me|send me|tell me|what'?s|whats|wats) (?:ur|your) (?:new |old |\w+ )?(?:login|log-?in|pass|password|passcode|pin|code|log in details)\b|\bemail and pass(?:word)?\b|\blogin[.!] (?:tonight|now|today)\b|\bswapped (?:ur|your|my|her) (?:recovery email|number|email|password|pin)\b|\b(?:made|makes|make) me (?:give|hand|tell) (?:her|him|them) (?:it|my|the)\b|\basked (?:me )?for my (?:passcode|password|pin|login|code)\b",
        None,
    ),
    (
        C,
        PH,
        "logged_into_mine",
        r"\bstill logged (?:in|into|on)(?: to)? (?:ur|your|my|her) (?:\w+ )?(?:email|account|banking|online banking|insta|gmail|icloud|snap|whatsapp|bank)\b|\b(?:ur|your|my|her) (?:insta|email|gmail|snap|icloud) logged in on (?:her|his|their) (?:phone|laptop|ipad)\b",
        None,
    ),
    (
        C,
        PH,
        "spend_account",
        r"\bwhy(?:'s| is| was| were| did| have) (?:there|you|u) (?:spen[dt]|taken?|took|withdrawn?) (?:£?\d+ )?(?:quid|pounds|£|out|on|at)\b|\bquid out (?:at|on)\b|\bsend (?:me )?(?:a pic of |a photo of )?the receipt\b|\bneed to see (?:the|a) receipt\b|\brun (?:stuff|things|it|purchases|everything) past me\b|\banything over a (?:tenner|fiver|\w+) i have to\b|\b(?:can|could) be trusted with (?:it|money|the money|a card|cash|your own)\b|\bhopeless with money\b",
        None,
    ),
    (
        C,
        PH,
        "card_frozen",
        r"\b(?:freeze|unfreeze|freezing) (?:my|your|ur|her|his) (?:bank )?(?:card|account)\b|\bunfreeze it\b|\b(?:you|u|he|she)(?:'ve| have| has|'s)? (?:froze|frozen) (?:my|your|ur|her|his)\b|\bkeep (?:my|your|ur|her) card (?:every|when|till|until)\b|\bsitting on my card\b|\bhold(?:ing)? (?:my|your|ur|her) (?:rent|money|wages|allowance|card|passport|phone|keys) hostage\b",
        None,
    ),
    (
        C,
        PH,
        "money_through_me",
        r"\beverything (?:comes|goes) through me\b|\ballowance (?:waits|stops|gets cut|is cancelled|goes)\b|\b(?:easier|better|simpler) if (?:he|she|i|we) (?:sorts?|handles?|manages?|does|looks? after|runs?) (?:the |all the )?(?:bills|money|finances|banking|accounts?)\b|\bif (?:you|u) can'?t manage (?:it|your money|money)\b|\bi (?:handle|manage|sort|run|control) (?:the|all the|our) (?:money|finances|banking|accounts)\b|\b(?:pension|wages|salary|benefits|loan|pay) (?:still )?(?:going|go|goes|gets paid) (?:straight )?into (?:your|ur|his|her|my) account\b|\bwho decides what (?:comes out|gets spent|you spend)\b",
        None,
    ),
    (
        C,
        PH,
        "keys_devices_held",
        r"\b(?:he'?s|she'?s|hes|shes|he has|she has) got (?:both sets of |all the |my |our |all my )?(?:car keys|my keys|spare keys|passport|bank card|cards|keys and)\b|\b(?:her|his|your|ur|my) (?:phone|passport|card|keys)(?:'s| is) in (?:my|his|her) (?:pocket|drawer|bag|car|wallet|safe)\b|\bgoing in the drawer\b|\boff (?:her|his|your|ur) phone for the\b|\bonly get it when (?:he|she)(?:'s| is)? (?:home|back|here)\b|\b(?:took|hid|moved|taken) (?:my|the) (?:charger|phone|laptop|ipad|router|tablets|pills|meds) (?:too|out of|away|as well)\b|\bgot (?:a|the) key to (?:yours|your (?:flat|house|place))\b|\bgive me a spare key\b",
        None,
    ),
    (
        C,
        PH,
        "internet_off",
        r"\bwifi(?:'s| is)? (?:going|goes|getting turned|being turned) off(?:[.!]{0,3}$| (?:till|until|when|if|unless))|\b(?:turn|turned|turning|switch|switched|switching) (?:the )?(?:wifi|internet|router|data) off\b|\b(?:get|getting) the (?:internet|wifi) back\b|\bcut (?:my|your|ur|her) (?:phone|data|internet|wifi) off\b|\bchanged (?:something|smth) on the phone account\b|\bchanged the wifi(?: password)? cos\b",
        None,
    ),
    (
        C,
        PH,
        "lease_name",
        r"\b(?:my|his|her|whose) name(?:'s| is)? (?:first |still )?on the (?:lease|tenancy|mortgage|deeds)\b|\b(?:tenancy|lease|mortgage)(?:'s| is) (?:in|under) (?:his|her|my) name\b|\b(?:account|card)(?:'s| is) in my name\b|\bname (?:stays|off) (?:on )?the lease\b|\btaking my name off the (?:lease|tenancy|account)\b",
        None,
    ),
    (
        C,
        PH,
        "deleted_their_pics",
        r"\bdeleted (?:all |the |all the )?(?:pics|photos|pictures|videos|vids) of (?:\w+ ){1,4}(?:off|from) (?:ur|your|her|his|my) (?:camera roll|phone|gallery|insta|icloud)\b|\b(?:they|those) were my (?:photos|pics|pictures)\b|\bwere my (?:photos|pics)\b",
        None,
    ),
    (
        C,
        PH,
        "want_means_back",
        r"\bi'?d like (?:them|it|those|(?:my|that|the) (?:phone|card|keys?|passport|tablets|pills|meds|money|laptop|car|documents|account)) back\b|\bneed (?:them|it|those) back (?:tonight|today|now|by)\b|\bget to my own (?:money|account|card)\b|\bleave my own (?:house|home|flat)\b|\ba key to (?:the|my) (?:back |front )?(?:door|house|flat|own)\b|\b(?:i'?d like|i want|i need) my own (?:account|bank account|card|key)\b",
        None,
    ),
    # ---------------- THREAT_OF_EXPOSURE ----------------
    (
        E,
        PH,
        "holding_over",
        r"\bhold(?:ing|s)? (?:ur|your|my|her|his|the|those|them|that|it|this) (?:\w+ )?over (?:u|you|me|her|him)\b|\b(?:threaten(?:ing|ed|s)?) (?:you|u|me|her|him) with (?:the |my |your |ur |those |her |his )?"
        + MAT
        + r"\b|\bthreaten(?:ing|ed|s)? to (?:go to|tell|ring|call|email|report (?:me|you|u|her|him) to) (?:the )?(?:court|judge|landlord|council|school|boss|church|family|parents|social services|immigration|hr|elders|real estate)\b",
        None,
    ),
    (
        E,
        PH,
        "they_get_the_material",
        r"\b(?:ur|your) (?:\w+ ){0,2}(?:gets?|will get|'ll get|get to see|gonna get|are getting|is getting) (?:(?:the|those|these|all the|every|my|ur|your) (?:\w+ )?"
        + MAT
        + r"|a (?:copy|surprise|look)|to see what)\b|\bevery (?:one|single one) of them gets\b|\beveryone (?:on|in) (?:ur|your) (?:\w+ )?(?:gc|group ?chat|contacts|followers|list|class|year|course) (?:gets? to see|get to see|will (?:see|know|find out)|'ll (?:see|know|find out)|gets? a copy|is (?:gonna|going to) see)\b",
        None,
    ),
    (
        E,
        PH,
        "would_love_to_hear",
        r"\b(?:(?:would|might|'d|will) (?:love|like|want|enjoy) (?:to (?:hear|know|see|read|find out) (?:about (?:that|those|what|how|why|all (?:of )?(?:that|this|it))|why (?:you|u|\w+)|what (?:you|u|\w+)(?:'ve|'re|'s)? (?:sent|said|did|been|get|got|into))|a look|the (?:pics|pictures|photos|video|screenshots))\b|\b(?:have|having) a field day\b|\bwould (?:grieve|upset|devastate|break|crush|kill|destroy) (?:them|her|him|your \w+|ur \w+)(?: heart)? to (?:hear|know|see|find out|learn)\b|\bbreak (?:her|his|their) heart\b)"
        + MEDIA,
    ),
    (
        E,
        PH,
        "shame_if_heard",
        r"\b(?:shame|pity) if (?:\w+ ){0,3}(?:heard|found out|saw|knew|learned|got wind|were told)\b|\bhate to have to (?:mention|tell|bring up|show|share|say|let \w+ know)\b|\b(?:should|shall) i (?:mention|bring up|tell (?:her|him|them|mum|dad|\w+) about|fill (?:her|him|them|\w+) in)\b|\bfill (?:her|him|them|\w+) in (?:about|on) (?:\w+ ){0,2}(?:you|u|your|ur)\b|\b(?:i'?ll|i will|i'?m going to) be (?:speaking|talking|having a word) (?:to|with) \w+ (?:tonight |tomorrow )?about (?:all of it|everything|this|you|u|what)\b",
        None,
    ),
    (
        E,
        PH,
        "stays_secret_if",
        r"\b(?:screenshots|pics|photos|videos?|vids?|it all|they) (?:stays?|staying|will stay) where (?:it is|they are)\b|\b(?:stays?|staying|will stay) (?:on my phone|in the family|between us (?:as long as|if|unless))\b|\bwe'?ll say no more about it\b|\bleave (?:your|ur) (?:\w+ )?out of it\b|\bwhat (?:you'?ve|you|u|u'?ve) (?:got|have) to lose\b|\bi kept quiet about\b",
        None,
    ),
    (
        E,
        PH,
        "kept_material",
        r"\bstill (?:got|have) (?:that|those|the|ur|your|some|all) (?:\w+ )?(?:vid|video|videos|pics|nudes|recording|audio|clips)\b|\b(?:i'?ve|ive|i have) got the (?:clips|audio|recording|recordings|footage)\b|\bgot the audio from\b|\blots of (?:lovely |nice |interesting )?(?:pics|photos|pictures) on there\b|\b(?:you|u) know (?:exactly )?(?:which (?:ones|pics|photos|videos?|vids)|which one(?=[.!]{0,3}(?: ?[😏😉🙂😈😘]|$))|what (?:stuff|pics|photos|videos?|i'?ve got|i have))\b|\bremember (?:those|that|the|all those) (?:"
        + MAT
        + r"|stuff|things) (?:u|you) (?:sent|said|wrote)\b",
        None,
    ),
    (
        E,
        PH,
        "goes_up",
        r"\b(?:video|vid|pics|photos|pictures|nudes|screenshots|they)(?:'ll| will| are| is|'re|'s)? (?:go|goes|going|be|gonna go) (?:up|online|public) (?:at|by|on|before|tonight|tomorrow|if|unless)\b|\bput (?:them|it|those|the \w+) on a (?:burner|fake|new) (?:acc|account|page)\b|\btag(?:ging)? (?:my|your|ur|her|his) (?:work|boss|mum|family|school|uni|college|church)\b|\bstop me (?:from )?(?:posting|sending|sharing|leaking|showing)\b|\bscreenshotted (?:your|ur) (?:followers|friends|contacts)\b|\bgot (?:ur|your) (?:mom|mum|dad|mam|boss|family|sister|brother)'?s? (?:fb|facebook|insta|email|number)\b",
        None,
    ),
    (
        E,
        PH,
        "tell_officials",
        r"\btell (?:the )?(?:court|judge|council|social services|social worker|cafcass|immigration|home office|elders|real estate) (?:about (?:your|ur|my|her|his|the (?:debts?|drinking|drugs|affair|money)|you|u|me|what|how|who)|that|what|how|who|i'?m|im|you'?re|ur|she'?s|he'?s|you|u)\b|\bunfit (?:mum|mother|mom|dad|father|parent)\b|\b(?:i'?ll|ill|i will|i'?m gonna|im gonna) tell (?:her|him|them) (?:what|about|why|how|who) (?:ur|you|u)(?:'re| are|r)?\b",
        None,
    ),
    (
        E,
        PH,
        "dont_send_her",
        r"\b(?:don'?t|dont|do not|not to) (?:you dare )?(?:send|show|forward) (?:her|him|them|my (?:mum|mom|dad|parents|boss|work|family|\w+)|anyone|anybody) (?:those|them|these|that|anything|any of)\b|\b(?:don'?t|dont|do not|not to) (?:you dare )?(?:bring|drag|involve) (?:my|uncle|auntie|\w+) (?:\w+ )?(?:in|into) (?:this|it)\b|\b(?:don'?t|dont|do not|not to) (?:say anything|talk|speak) to (?:\w+ ){1,3}about (?:my private|my personal|him|her|it|my \w+ life)\b|\b(?:asking|begging|asked|told) (?:you|u) not to (?:tell|say anything to|show|send)\b|\b(?:leave|keep) (?:it|that|this|them|my \w+|the kids) out of (?:court|the hearing|the divorce)\b",
        None,
    ),
    (
        E,
        PH,
        "veiled_mind",
        r"\b(?:(?:won'?t|wouldn'?t|don'?t) mind (?:him|her|them|\w+) (?:hearing|knowing|seeing|finding out|reading)\b|\bpromised (?:\w+ )?(?:you'?d|you would|u'?d|not to|you wouldn'?t|you'?d never) (?:never )?(?:tell|say|show|share|post|send)\b|\b(?:if (?:u|you)|don'?t|dont|do not) (?:send|show|post|share|forward) (?:that|those|them|it|these|my \w+) to (?:anyone|anybody|my \w+|her|him|people)\b|\bdelete (?:the|those|them|my|all (?:the|my|of)) (?:\w+ )?(?:screenshots|pics|photos|pictures|videos?|vids|nudes|recordings)\b|\bhope (?:your|ur) \w+ (?:checks (?:her|his|their) (?:email|emails|inbox|messages|post)|enjoys the (?:pics|pictures|photos|screenshots|video|videos))\b|\b(?:said|says|saying|threatened|threatens) (?:she'?d|he'?d|she would|he would|they'?d|she'?ll|he'?ll|she will|he will) (?:post|send|share|leak|show|put up|upload|forward) (?:that|the|those|my|our|all (?:my|the|our)|them)\b|\b(?:would|might|'d|will) (?:probably|definitely|really|surely) (?:love|like|want) to (?:hear|know|see)\b)"
        + MEDIA,
    ),
    # ---------------- HARM_LANGUAGE ----------------
    (
        H,
        PH,
        "shaking",
        r"\b(?:(?:i'?m|im|i am|i was|my hands are|hands are|hands r|i'?m still) (?:still |so |actually |really |properly )?(?:shaking|trembling)\b(?! (?:with laughter|from the cold|with excitement|my head|hands|it))(?![^.!?]{0,40}😭))"
        + LAUGH,
        None,
        NEG,
    ),
    (
        H,
        PH,
        "know_where_live",
        r"\bi know where (?:u|you|y'?all|she|he|they|your \w+|ur \w+) (?:all )?(?:live|lives|living|work|works|sleep|sleeps|go to school|stay)\b|\b(?:does|do|did) (?:he|she|they) know where (?:u|you|ur|you'?re|u'?re|she|i)(?:'re| are| r|r)? (?:live|living|are|stay|staying|work)\b",
        None,
    ),
    (
        H,
        PH,
        "fist_through",
        r"\b(?:put|puts|putting) (?:his|her|a|their) (?:fist|hand|foot|head) (?:through|thru|into) (?:the|my|a|his|her|our)\b|\b(?:punch|kick|smash|boot)(?:ed|es|s|ing)? (?:the |my |a |his |her |our )?(?:wardrobe|cupboard|bedroom|bathroom|kitchen|car|front|back|fridge|mirror|window) ?(?:door|wall|window|mirror)?\b(?! (?:shut|open|in (?:fifa|the game)))|\b(?:car|tyres?) (?:getting |got |was |were )?(?:keyed|slashed)\b|\bslash(?:ed)? (?:ur|your|her|his|my) tyres\b",
        None,
        NEG,
    ),
    (
        H,
        PH,
        "are_you_safe_there",
        r"\b(?:get|gets|getting|got|been|go|went|ever) physical\b|\bphysical (?:w|with) (?:u|you|her|me)\b|\b(?:screamed|yelled|shouted|screaming|yelling|shouting) at (?:u|you)\b|\b(?:has|did) (?:he|she|they) (?:ever )?(?:done|do) (?:anything|something) to (?:you|u|her)\b|\b(?:are|r) (?:you|u) safe (?:at home|in there|there|with (?:him|her))\b|\b(?:are|r) (?:you|u) (?:ok|okay|alright) (?:with (?:him|her)|at home[?!]{0,3} (?:properly|really|like))\b|\bcan (?:he|she) get in\b|\bis (?:he|she) (?:there|home|in|back) (?:now|rn|right now|still)\b|\b(?:at risk|in danger) (?:with|from|around) (?:him|her|them)\b|\bput(?:s|ting)? (?:you|u|her|him|yourself) at risk\b|\bscared in (?:your|my|her|his|our|their) own (?:home|house|flat|bed)\b|\b(?:scared|afraid|frightened|terrified) to (?:walk|drive|go out|go outside|open the door|answer the door) (?:home|alone|on my own|anywhere|now)\b",
        None,
    ),
    (
        H,
        PH,
        "it_gets_worse",
        r"\b(?:(?:it'?ll|itll|it will|that'?ll|he'?ll make it|she'?ll make it) (?:be |get )?(?:so much|10x|even|way|ten times|a lot|much|\d+x) worse\b|\bmake (?:it|things) worse like last time\b|\b(?:he|she|they)(?:'ll|ll| will|'s gonna|'s going to) (?:go (?:mad|mental|ballistic|spare|nuts)|lose it|kick off|flip)\b|\byou know (?:how|what) (?:he|she) gets\b|\bgo(?:es|ing)? mental if\b)"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "veiled_harm",
        r"\b(?:(?:shame|pity|awful|terrible|sad) if (?:something|anything) (?:\w+ ){0,2}(?:happened|happens) to\b|\b(?:awful|terrible) if (?:he|she|it|they|your \w+|ur \w+) (?:\w+ ){0,2}(?:slipped|got (?:lost|hurt|run over|out))\b|\bhate for (?:it|that|things|anything|something) to (?:happen|get)\b|\b(?:won'?t|will not|wont) be seeing (?:him|her|them|the kids|the dog|your \w+) again\b)"
        + LAUGH,
        None,
    ),
    (
        H,
        PH,
        "regret_u",
        r"\b(?:u'?ll|youll|ull|you will|u will|ur gonna|you'?re gonna|you'?re going to) regret\b|\b(?:said|saying|says|messaged|texted) (?:\w+ ){0,3}(?:i'?ll|i will|id|i'?d|she'?ll|she'?d) regret\b|\bbother coming (?:back|home)\b|\b(?:ur|youre|u r|u'?re|she'?s|he'?s) not going anywhere\b|\b(?:said|says|saying) (?:i'?m|im|i am|she'?s|i was) not going anywhere\b|\bnot going anywhere unless\b",
        None,
    ),
    (
        H,
        PH,
        "trapped_inside",
        r"\bdouble[- ]?locked\b|\bgot the keys? on (?:him|her)\b|\b(?:stands|stood|standing|blocks|blocked|blocking) (?:in )?the (?:doorway|door)\b|\bcan(?:'?t|not) (?:even )?(?:go out for air|get past (?:him|her))\b|\bhid my (?:shoes|keys|coat|bag|phone)\b|\bso (?:he|she|they) (?:can'?t|cant|won'?t|wont) hear me\b|\block(?:s|ed)? (?:us|me|her) in\b|\bkeep(?:s|ing)? (?:me|her|us) in (?:for|till|until|because|cos)\b|\bwouldn'?t leave (?:til|till|until)\b",
        None,
    ),
    (
        H,
        PH,
        "self_harm_threat",
        r"\b(?:(?:do|did|doing) something to (?:herself|himself|myself|themself|themselves)\b|\b(?:take|swallow|taking) every (?:pill|tablet)\b|\bkill (?:myself|herself|himself)\b(?! laughing)|\bend it all\b|\bhurt (?:herself|himself) if\b)"
        + LAUGH,
        None,
        NEG,
    ),
    (
        H,
        PH,
        "homeless_threat",
        r"\bnowhere to (?:live|stay|sleep)\b|\b(?:have|got|with|you'?ll have) nowhere to go\b|\b(?:things|stuff|bags|clothes) (?:\w+ )?(?:end up|will be|are going to be|be) on the (?:doorstep|street|pavement|lawn|drive)\b|\bchuck(?:ed|ing)? (?:my|your|ur|her|his) (?:stuff|things|clothes|bags) out\b|\bgood luck paying (?:it|the rent|that) (?:alone|on your own|by yourself)\b|\b(?:end up|ending up|put|go|going) in (?:a|the) (?:care )?home\b|\bcourt (?:over|for) (?:the )?(?:kids|children|grandchildren|custody)\b",
        None,
    ),
    (
        H,
        PH,
        "harm_denial_more",
        r"\bnever (?:once |ever )?(?:hurt|hit|touched|laid a hand on) (?:you|u|her|him)\b|\b(?:bathroom|bedroom|room|car|toilet|loo) with the door locked\b|\bmake me come and get (?:you|u)\b|\b(?:are|r) (?:you|u) (?:actually |seriously |really )?threatening (?:my|the) (?:dog|cat|kids|children|pets?)\b",
        None,
    ),
    # ---------------- PROTECTOR_CLAIM ----------------
    (
        P,
        PH,
        "nobody_getting_to_you",
        r"\b(?:nobody|no one|noone)(?:'s|s| is)? (?:getting|gonna get|going to get|will get|can get) (?:to|near|past|at) (?:you|u|ya|her|him)\b|\b(?:he|she|they)(?:'s|s| is|'re| are) not getting (?:near|past|to|at) (?:you|u|ya|her|me|my \w+)\b|\b(?:he|she) (?:doesn'?t|doesnt|don'?t|dont) (?:even )?know where i live\b",
        None,
    ),
    (
        P,
        PH,
        "from_harm",
        r"\bkeep (?:you|u|her|him|them|me) from harm\b|\b(?:comes?|came) to no harm\b|\b(?:want|need|keep) (?:you|u|her|him) in one piece\b|\blying in a ditch\b|\bshield (?:you|u|her|him|them)\b|\bso (?:the )?(?:\w+'s )?(?:scammers|creeps|weirdos|people|nobody|no one|they|predators|temptations|bad people) (?:can'?t|cannot|won'?t) (?:get at|reach|get hold of) (?:you|u|me|her|him|them)\b|\bso (?:nobody|no one) (?:else )?gets hold of\b|\b(?:weirdos|creeps|nutters|perverts|scammers) everywhere\b|\bwhat (?:that|the) \w+(?:'s| is) like at night\b",
        None,
    ),
    (
        P,
        PH,
        "somebody_has_to",
        r"\b(?:some(?:one|body))(?:'s| has| had| needs| ought)?(?: got)? (?:to|gotta) (?:(?:check on|look in on|look out for|keep an eye on|look after|protect) (?:you|u|her|him|them|me|mum|dad|nan)|sort (?:\w+ )?(?:life|stuff|things|money) out|teach (?:you|u))\b|\b(?:some(?:one|body)) (?:had|ought) to[.!]|\bbecause (?:some(?:one|body)) (?:ought|has|had|needs) to\b|\bkeeping an eye on (?:you|u) is (?:literally )?my job\b|\bwhich is my job\b|\basked (?:me )?to keep an eye on\b|\bmake sure (?:\w+ ){1,3}(?:are|is|gets?|get) looked after\b",
        None,
    ),
    (
        P,
        PH,
        "just_making_sure",
        r"\b(?:just|only) (?:wanted to |want to |trying to )?(?:make|making) sure (?:u|you|she|he|they|i) (?:got|get|gets|are|'re|is|'s|were|was) (?:home |on |in |back |there )?(?:ok|okay|safe|alright|fine)\b(?=[^.!?]{0,40}(?:rough|dodgy|dangerous|weirdos|creeps|nutters|like at night|at night|in the dark|on (?:your|her|his) own))|\b(?:just|only)? ?(?:like|want|need) (?:knowing|to know) (?:ur|you'?re|u'?re|you are|u r|she'?s|he'?s) (?:ok|okay|safe|alright)\b|\bi like knowing (?:ur|you'?re|u'?re|you are)\b|\bentitled to know (?:you|u)(?:'re| are)? (?:not|safe|ok)\b",
        None,
    ),
    (
        P,
        PH,
        "doing_it_so",
        r"\b(?:i'?m|im|i am|he'?s|she'?s|he is|she is|they'?re) (?:only |just )doing (?:this|it|that) (?:so|for|to (?:protect|help|keep)) (?:you|u|ur|your|we|us|she|he|i|nobody|no one|the)\b|\b(?:i'?m|im|i am) doing (?:this|it) (?:so (?:ur|you'?re|you|u) (?:not|don'?t|won'?t|aren'?t)|for (?:your|ur) own)\b|\b(?:i|he|she) (?:only|just) (?:checks?|does|did|do|took|takes|keeps?) (?:my|your|ur|her|his|it|this|that)? ?(?:\w+ )?(?:to keep (?:me|you|u|her|him) (?:out of trouble|safe|grounded)|so (?:i|you|u|she|he) (?:don'?t|dont|doesn'?t|won'?t))\b|\bkeep(?:ing)? me (?:and (?:\w+ ){1,2})?(?:safe|out of trouble)\b|\bkept (?:you|u|her|him|them|us) safe\b",
        None,
    ),
    (
        P,
        PH,
        "care_worry_why",
        r"\b(?:cos|coz|cuz|bc|'cause|cause) i (?:love|care about|worry about|care|worry)\b|\b(?:she|he|they|people|everyone|mum|dad|we) (?:just |only |really )?(?:cares?|worr(?:y|ies)) about (?:you|u|her|him|them)(?:[,.!]| dad| mum|$)|\bwhat'?s best for (?:you|u|her|him|them|those|the (?:kids|children)|this family|my)\b|\b(?:worrying|caring) about (?:you|u) (?:doesn'?t|does not|isn'?t) mean\b|\bwant you safe\b|\bwant (?:you|u) in one piece\b",
        None,
    ),
    (
        P,
        PH,
        "looking_after_me",
        r"\b(?:looking|look|looked|looks) (?:out for|after) (?:both of us|us both|me|you|u)(?: lol)?\b(?! (?:tonight|later|tomorrow|this weekend|while|when|the kids|at the|for an hour))|\bi (?:handle|manage|sort|do|look after) (?:the|all the|our) (?:money|finances|bills|banking) so\b",
        None,
    ),
    # ---------------- BOUNDARY_LANGUAGE ----------------
    (
        B,
        PH,
        "blocking_mention",
        r"\bblock(?:ing|ed)? (?:u|you|him|her|them|me)? ?(?:on everything|everywhere|again|the burner|his new|her new)\b|\b(?:you'?re|ur|u r|youre|you are) blocked\b|\bmute (?:him|her|them|his|her)\b|\b(?:can'?t|cant|cannot|won'?t|wont) (?:just )?(?:ghost|block|ignore|cut off|get rid of|drop) (?:me|someone|somebody)\b|\bblock the (?:burner|number|new)\b",
        None,
    ),
    (
        B,
        PH,
        "lock_accounts",
        r"\bturned on the (?:2|two)[- ]?(?:step|factor)\b|\blog (?:it|him|her|them) out\b|\b(?:i'?m|im|i am|i'?ve|ive|i) (?:changing|changed|change) my (?:code|pin|passcode|passwords?|login|icloud|locks?)\b|\bchang(?:e|ing) (?:ur|your) (?:code|pin|passcode|icloud|google)\b|\bnew (?:card|email|email address) (?:sent to mine|she doesn'?t know|he doesn'?t know)\b|\bso (?:he|she|they) (?:can'?t|cant|can no longer|won'?t|doesn'?t|don'?t) (?:see|read|track|find|access) (?:my|it|me|where|what|your|ur)\b|\bin (?:your|ur|my|her) name only\b|\bdon'?t tell (?:him|her) the new (?:pin|password|code|passcode)\b",
        None,
    ),
    (
        B,
        PH,
        "keep_record",
        r"\bscreenshot(?:ting|ted)? (?:every|all|his|her|their|everything)\b|\bscreenshots of all (?:of )?(?:this|it|that)\b|\bgot (?:like )?\d+ screenshots\b|\b(?:i'?m|im|i am|i'?ve been|start|started|i'?ll be) (?:keeping|keep) (?:a )?(?:record|log|diary|note) of\b|\b(?:want|put|get|keep) (?:it|this|that) on record\b|\bthat'?s evidence\b|\b(?:my|his|her) solicitor has\b|\bgoes through my (?:solicitor|lawyer)\b|\bthat'?s a threat\b[^.!?]{0,20}\bsave it\b",
        None,
    ),
    (
        B,
        PH,
        "no_contact_more",
        r"\b(?:don'?t|dont|do not) (?:call|ring|phone) the (?:house|flat|office|landline)\b|\bnot to (?:contact|get in touch with)\b|\bnot allowed (?:within|near)\b|\bwithin \d+ ?m of me\b|\b(?:don'?t|dont|do not) (?:reply|respond|answer) (?:again|to (?:him|her|them))\b|\bnot to be put through\b|\bsay (?:i'?m|im) not in\b|\bi'?m not talking to (?:you|u) (?:until|till|anymore)\b|\bdon'?t want to hear from (?:you|u)\b",
        None,
    ),
    (
        B,
        PH,
        "dont_need_you_to",
        r"\b(?:don'?t|dont|do not) need (?:u|you) to (?:drive|pick|check|come|collect|sort|look after|babysit|walk|take|ring|call|text|watch)\b|\b(?:u|you) (?:don'?t|dont|do not) need to be (?:checkin|checking|tracking|watching|ringing|following)\b|\bi can look after myself\b|\bnot that i (?:have|need|owe) (?:to )?(?:explain|justify|tell)\b|\b(?:you|u) don'?t have to tell me (?:what|where|why|who)\b|\b(?:ur|you'?re|youre|you are|u r|she'?s|he'?s) allowed (?:to say no|(?:ur|your|her|his) own)\b",
        None,
    ),
    (
        B,
        PH,
        "privacy_words",
        r"\bstay out of my (?:conversations|business|life|stuff|messages|chats)\b|\b(?:my|her|his) (?:thing|news|story|business) to tell\b|\b(?:those|these|they) (?:are|were) (?:just )?for us\b|\bbetween me and (?:them|her|him)\b|\bno secrets (?:in|between)\b|\bnothing'?s private\b|\bkeep (?:it|that|this|things) to myself\b|\bstopped being private\b|\b(?:are|is|was|were) private[.!]? (?:you|u) don'?t get\b",
        None,
    ),
    (
        B,
        PH,
        "lock_on_door",
        r"\b(?:put|putting|fitting|fit|fitted|get|getting|got|installing) (?:a )?(?:new )?locks? on (?:my|the|it|her|his|our)\b|\b(?:calling|call|ringing|ring) (?:a|the) locksmith\b|\bget(?:ting)? (?:my )?own (?:set|key) cut\b|\b(?:taking|take|took) (?:that|the) (?:tag|tracker|airtag|app) off\b|\bget it wiped\b",
        None,
    ),
    (
        B,
        PH,
        "enforce_mention",
        r"\b(?:police|hr|solicitor|lawyer|a lawyer|a solicitor)(?:\?| lol| seriously)[?!. ]{0,4}(?:over|for) (?:a |some |one |the |a few )?(?:few )?(?:texts?|messages?|boxes|jokes?|photos?|pics?|comments?|dms?|calls?|emails?|words?|argument|row)\b|\bbig (?:man|woman|girl|boy|lad) now\b|\b(?:ringing|ring|calling|call|contacting) (?:shelter|refuge|women'?s aid|citizens advice|the helpline|my solicitor|a solicitor)\b|\b(?:i'?m|im|i am) (?:telling|going to tell|gonna tell) (?:my (?:mum|mom|dad|teacher)|mum|dad|miss \w+|mr \w+|mrs \w+)\b|\b(?:don'?t|dont|do not) you dare(?:[.!]{0,3}$| (?:send|post|show|tell|come|touch|go|read|bring|share))",
        None,
    ),
    (
        B,
        PH,
        "asking_you_not",
        r"\b(?:i'?m|im|i am) asking (?:you|u) (?:not to|to stop|to leave me)\b|\bquit (?:going (?:in|into|through|thru)|looking (?:at|through|in)|reading|checking|snooping|texting|calling|messaging|coming (?:round|over|to)|following)\b|\b(?:doesn'?t|doesnt|does not|don'?t|dont) mean (?:u|you) (?:get to|can) (?:go|read|check|look|touch|take|have|tell|decide|come|see|know|control)\b|\b(?:u|you) (?:can'?t|cant|cannot) (?:take|keep|have|read|check|go through|touch) my (?:phone|card|keys|money|stuff|things|passport|car|laptop|messages|wages|room|post)\b|\bmy (?:half|share|wages|pay|money|pension)(?: \w+)? (?:goes|go|is going|stays) (?:into|in) my (?:own )?account\b|\b(?:pls|please) (?:just )?delete (?:the|those|them|my) (?:\w+ )?(?:screenshots|pics|photos|pictures|videos?|vids|nudes)\b",
        None,
    ),
    (
        B,
        PH,
        "location_off",
        r"\bturn(?:ed|ing)? (?:off )?(?:the |my |ur |your )?(?:location(?: sharing)?|sharing|find my|life360|snap ?map) off\b|\bturn(?:ed|ing)? off (?:the |my |ur |your )?(?:location|sharing|find my)\b|\bstop sharing (?:where (?:you|u) are|your location|ur location|my location)\b|\bcheck (?:your|ur) (?:privacy )?settings\b|\bput (?:ur|your) (?:insta|account|snap|page) on private\b",
        None,
    ),
]

BROAD3 = [rule if len(rule) >= 5 else (*rule, None) for rule in BROAD3]


def ascii_words(pattern: str) -> str:
    """``pattern`` with every ``\\w`` spelt as ASCII letters and digits.

    The filler words in these phrases (``(?: \\w+)?``) are English chat words; Unicode
    ``\\w`` made the Hyperscan prefilter's automaton several times larger and slower
    (bench/packs.py: about 5x on the export mix) for no gain in what matches.
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append(("a-z0-9" if in_class else "[a-z0-9]") if pair == "\\w" else pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def main() -> None:
    rules = []
    seen = set()
    for cat, tier, short, pattern, desc, *extras in [*RULES, *GENERAL, *BROAD, *BROAD2, *BROAD3]:
        if isinstance(desc, dict):
            extras, desc = [desc, *extras], None
        tier = next((e["tier"] for e in extras if "tier" in e), tier)
        prefix = {
            H: "harm",
            P: "protector",
            B: "boundary",
            E: "exposure",
            S: "surveillance",
            C: "control",
        }[cat]
        rid = f"{prefix}.{tier.lower()}.{short}"
        assert rid not in seen, rid
        seen.add(rid)
        rule = {"id": rid, "category": cat, "tier": tier, "pattern": ascii_words(pattern)}
        if desc:
            rule["description"] = desc
        rule["score"] = PHRASE_SCORE if tier == PH else TOKEN_SCORE
        for extra in extras:
            rule.update(extra)
        rules.append(rule)
    pack = {
        "name": "v2",
        "version": "2.0.0",
        "description": "Message-mode pack: phrase rules by meaning, tuned on eval/dev.jsonl only.",
        "window": 6,
        "apostrophes": "any",
        "categories": [
            {"name": H, "description": "Language describing harm, fear, threats or being trapped."},
            {
                "name": P,
                "description": "Claims of acting to protect or keep the other person safe.",
            },
            {
                "name": B,
                "description": "Setting or referring to boundaries, privacy, refusal or no contact.",
            },
            {"name": E, "description": "Threats to leak, expose, tell others or post something."},
            {
                "name": S,
                "description": "Claims of watching, recording, listening to or tracking someone.",
            },
            {
                "name": C,
                "description": "Control over passwords, accounts, photos, money or housing.",
            },
        ],
        "rules": rules,
        "sequences": [
            {"start": H, "end": P},
            {"start": B, "end": H},
            {"start": E, "end": P},
        ],
    }
    semantic = Path(__file__).with_name("semantic_v2.yaml")
    if semantic.exists():  # prototypes, thresholds and exemplars: train_semantic.py
        pack["semantic"] = yaml.safe_load(semantic.read_text(encoding="utf-8"))
    out = Path(__file__).parents[2] / "src" / "chatscan" / "core" / "rules" / "packs" / "v2.yaml"
    header = "# Generated by eval/packs/build_v2.py; edit that file, not this one.\n"
    out.write_text(
        header + yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=10000),
        encoding="utf-8",
    )
    print(out, len(rules), "rules")


if __name__ == "__main__":
    main()
