# ruff: noqa: E501  (rule patterns read best on one line each)
"""Generates v2-draft.yaml (message-mode draft pack, tuned on eval/dev.jsonl only).

Patterns are written here as raw Python strings with a plain '; the generator writes
every ' as ['’‘] so that the pack matches straight and curly apostrophes without
needing the (new) top-level `apostrophes: any` field.
Run: .venv/bin/python eval/packs/build_v2_draft.py
"""
from pathlib import Path

import yaml

H, P, B, E, S, C = (
    "HARM_LANGUAGE", "PROTECTOR_CLAIM", "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE", "SURVEILLANCE_CLAIM", "CONTROL_ACCESS",
)
PH, TK = "PHRASE", "TOKEN"
PRON = r"(?:me|you|her|him|them|us)"
FAM = (r"(?:boss|manager|work|job|mum|mom|mam|dad|parents|family|sister|brother|uncle|aunt"
       r"|nan|gran|wife|husband|church|mosque|community|friends|colleagues|team|school|kids)")

RULES = [
    # ---------------- HARM_LANGUAGE ----------------
    (H, PH, "scared_of_person",
     r"\b(?:scared|afraid|frightened|terrified) (?:of (?:you|him|her|them|what (?:you|he|she|they)|how (?:angry|mad)|what'?s going to happen)"
     r"|to (?:come home|go home|go back|leave|even reply|reply|answer|tell (?:him|her)|be alone with)|for my (?:life|safety)(?! on))\b(?![^.!?]{0,40}(?:😂|🤣|lol|haha|lmao))",
     "Fear of a person or for one's safety because of one."),
    (H, PH, "scaring_me", r"\b(?:you'?re|you are|he'?s|he is|she'?s|she is|it'?s|that'?s)(?: \w+)? (?:scaring|frightening|terrifying) me\b", None),
    (H, PH, "made_me_scared", r"\b(?:you|he|she) (?:made|make|makes) me (?:so |really |feel )?(?:scared|afraid|frightened|terrified|unsafe)\b", None),
    (H, PH, "i_was_scared_bare", r"\b(?:i was|i'?m|i am|i said i was) (?:so |really |genuinely )?(?:scared|terrified|frightened)(?= *(?:[.!,]|$))", "Fear stated as such, not of exams/films (those usually have an object)."),
    (H, PH, "frightening", r"\b(?:frightening|intimidat(?:e|ed|ing|ion)|abus(?:e|ive|ed|ing))\b", None),
    (H, PH, "in_danger", r"\b(?:in danger|feel unsafe|not safe (?:with|around|near) (?:him|her|you|them)|(?:are|r) you safe (?:right now|now|there)|is he still there)\b", None),
    (H, PH, "violence_on_person",
     r"\b(?:hit|hitting|hits|punch(?:ed|es|ing)?|slap(?:ped|ping|s)?|kick(?:ed|ing)?|shov(?:e|ed|ing)|grabb(?:ed|ing)|chok(?:e|ed|ing)|strangl(?:e|ed|ing)|push(?:ed)?)"
     r" (?:me|her|you|my|doors?|walls?|the (?:door|wall))\b(?! up)", "Physical violence on a person, or on doors and walls."),
    (H, PH, "laid_a_finger", r"\b(?:laid|lay|put) a finger on\b|\b(?:never|i'?ve never|he'?s never) touched (?:you|me|her)\b", None),
    (H, PH, "threw_at", r"\b(?:threw|throw|throws|thrown|smash(?:ed|es|ing)?|broke|break|smash) (?:a |the |my |your |his |her )?\w+ (?:at|next to|near) (?:me|my|you|your|her|the wall)\b", None),
    (H, PH, "smash_my_thing", r"\b(?:smash|break|wreck|destroy)(?:ed|s|ing)? (?:my|your|her|his) (?:phone|laptop|stuff|things|car|tv)\b", None),
    (H, PH, "threatened_person", r"\b(?:he|she|they|you|dad|mum) (?:threaten(?:ed|s|ing)?|(?:was|is|were|are) threatening) (?:her|him|me|you|them|us|to (?!leak|post|expose|tell|send|share|show))", "Reported threat, not about exposure."),
    (H, PH, "cant_leave", r"\b(?:wouldn'?t|won'?t|doesn'?t|didn'?t|don'?t) let me (?:leave|go|out|sleep|eat)\b|\bcan'?t keep me (?:here|in|locked)\b|\b(?:let|locked) me (?:in|out) (?:of )?(?:the|my)? ?(?:room|house|flat|bathroom)\b", None),
    (H, PH, "not_going_anywhere", r"\byou(?:'re| are) not (?:going|leaving) anywhere\b|\b(?:until|till) we sort this out\b", None),
    (H, PH, "felt_trapped", r"\b(?:felt|feel|feeling)(?: so)? trapped\b(?! in (?:this|the|a) (?:library|meeting|queue|office|lift|traffic))(?![^.!?]{0,40}(?:lol|😂|haha|lmao))", None),
    (H, PH, "duress", r"\bunder duress\b(?! how)", None),
    (H, PH, "yelling_at_me", r"\b(?:kept|keeps|was|started|always) (?:yelling|screaming|shouting)\b(?! (?:at the (?:tv|screen)|up the stairs|the harmonies))|\b(?:yell|scream|shout)(?:ed|s|ing)? (?:at|in) (?:me|my face|her|him)\b", None),
    (H, PH, "see_what_happens", r"\bsee what happens\b|\byou'?ll regret\b|\byou'?ll be sorry\b|\bdon'?t make me come (?:over|round|there)\b", None),
    (H, PH, "thrown_out", r"\bdon'?t bother coming back\b|\byour (?:stuff|things|clothes) (?:will be|is going|are going|goes) (?:on|in|out)", None),
    (H, PH, "hurt_you", r"\b(?:i'?d|i would|i'?ll|i will|he'?ll|he'?d|said (?:i'?d|he'?d)|going to|gonna|never) (?:hurt|hit) (?:you|me|her)\b", "Threats and denials of harm."),
    (H, PH, "trying_to_hit", r"\btrying to (?:hit|hurt) (?:you|me|her)\b", None),
    # ---------------- PROTECTOR_CLAIM ----------------
    (P, PH, "keep_you_safe", r"(?<!there to )\b(?:keep|keeping|keeps) (?:you|us|us both|her|him|them|this family)(?: all| both)? (?:safe|together)\b(?! till)(?! lol)", None),
    (P, PH, "for_your_own_good", r"\bfor your own good\b", None),
    (P, PH, "protecting_you", r"\b(?:i'?m|i am|just|only|was|want to|trying to) (?:just |only )?(?:protect|protecting) (?:you|her|him|them|us)\b", None),
    (P, PH, "because_i_love", r"\bbecause i (?:love|care about|worry about) (?:you|u|this family)\b|\bbecause i (?:care|worry)\b(?! about (?!you))|\bi (?:just |only )?care about you\b|\blove you (?:so much|too much|more than)", None),
    (P, PH, "want_you_safe", r"\b(?:want|need|wanted) (?:you|her|him) (?:safe|protected)\b|\b(?:make sure|know|knows|sure) (?:you'?re|i'?m|she'?s|he'?s) (?:ok|okay|safe|alright)\b", None),
    (P, PH, "someone_has_to", r"\b(?:someone|somebody) (?:has|needs|got) to (?:look out for|look after|make sure|keep (?:you|an eye)|protect|watch out for)\b|\b(?:someone|somebody) has to[.!]*$", None),
    (P, PH, "look_out_for", r"\blook(?:ing|s)? (?:out for|after) (?:you|us|me|her|him)\b", None),
    (P, PH, "its_safer", r"\bit'?s safer\b|\bkeeps? us (?:both )?safe\b|\b(?:be|is|are) safe with (?:us|me)\b|\bsafe with us\b|\b(?:nobody|no one) (?:can|will|could|is going to) (?:get to|hurt|touch) you\b", None),
    (P, PH, "wont_have_to_worry", r"\byou won'?t have to worry\b|\bnothing bad (?:ever )?happens to you\b|\bdon'?t want anything to happen to you\b", None),
    (P, PH, "protecting_from", r"\bprotect(?:ing)? you from\b", None),
    (P, PH, "walk_you", r"\bwe(?:'ll)? walk you (?:to|home)\b", None),
    (P, PH, "you_need_rest", r"\byou need (?:to rest|your rest|a rest)\b", None),
    (P, PH, "i_get_like_this", r"\bi (?:only|just) (?:do|did|listen|check|read|look)\w* (?:\w+ )?because i\b", None),
    # ---------------- BOUNDARY_LANGUAGE ----------------
    (B, PH, "please_dont", r"\bplease,? (?:don'?t|do not|stop|leave me|just stop)\b(?! (?:forget|worry|be late|panic|mind|rush))|\bi'?m begging you\b", None),
    (B, PH, "stop_behaviour", r"\bstop (?:texting|messaging|calling|contacting|following|reading|tracking|watching|emailing|touching|filming|recording) (?:me|my)\b|\bstop (?:checking up|asking|doing this|turning up|showing up|coming round|coming here)\b|\bstop \w+ing my\b|(?:^|[.!?] )(?:please |just )?stop(?:[.!]|$)", None),
    (B, PH, "dont_contact", r"\b(?:don'?t|do not|never) (?:text|message|call|contact|email|dm|visit|touch|come (?:to|near|round|by|here|there))(?: me| this number| my\b)(?! (?:before|after|until|till|on \w+day))", None),
    (B, PH, "leave_me_alone", r"\bleave me alone\b|\bstay away from me\b|\bstay out of my\b|\bget out of my (?:room|flat|house)\b", None),
    (B, PH, "need_space", r"\b(?:need|want|give me|asking for|ask for)(?: some| a bit of| more| a little)? (?:space|time alone|time apart)\b(?! (?:in|on|for) the)|\btime to think[.!]*$|\bspace (?:for what|from (?:you|this|him|her))\b", None),
    (B, PH, "not_comfortable", r"\bnot comfortable\b|\bnot ready (?:to (?:see|talk|meet|move|sleep|have|be|go back)|for (?:that|this|more|sex|a relationship|you))\b|\bi'?m not ready[.!,]*$", None),
    (B, PH, "privacy_person", r"(?<!what )\b(?:about|my|your|our|her|his|family'?s) privacy\b(?! polic)|\bprivacy (?:is|was) (?:for|mine|important)\b|\bprivacy (?:settings|choices) so\b|\bprivacy choices\b", None),
    (B, PH, "private_between_us", r"\b(?:those|that|these|it)(?: (?:were|was|is|are)|'s) (?:very |really |my |our |personal(?:, )?)?private\b(?! (?:school|event|party|hire|room|members|beach|jet|sale|lesson|road|parking|practice|hospital|clinic))|\bthat'?s between us\b|\bi'?m (?:a bit |quite |very )?private\b", None),
    (B, PH, "not_yours_to", r"\bnot yours to\b|\byou don'?t get to (?:go through|read|look|take|check)\b|\bdoesn'?t mean you get to\b|\byou(?:'re| are) not allowed to (?:take|read|go through|check|touch)\b|\byou had no right\b", None),
    (B, PH, "securing_own", r"\b(?:i'?m|i am|i'?ve|i have|i) (?:just )?(?:chang(?:ed|ing|e)|reset(?:ting)?) my (?:passcode|password|pin|locks?|number)\b|\blogged you out\b", None),
    (B, PH, "blocked", r"\bblock(?:ed|ing)? (?:him|her|you|me|them)\b|\b(?:i|i've|i have|you|you've|he|he's|she|she's) (?:just |already )?(?:blocked|unblocked)\b", None),
    (B, PH, "help_seeking", r"\b(?:i'?ll|i will|i'?m|i am|i'?ve|i have|i)(?: \w+){0,4} (?:to the police|the police|a lawyer|my lawyer|a solicitor|to hr)\b|\b(?:restraining|no[- ]contact|protective|non[- ]molestation) order\b", "Enforcing a limit by seeking help."),
    (B, PH, "saved_evidence", r"\bi'?(?:ve| have)? (?:saved|screenshotted|kept) (?:every|all)(?: of)? (?:the |your |this )?(?:message|text|screenshot)s?\b|\bi'?m screenshotting\b|\bforwarding these\b", None),
    (B, PH, "you_cant_keep", r"\byou can'?t (?:keep doing this|keep doing that|just cut me|throw me out|keep me|make me|keep texting|keep messaging)\b|\bcut me out\b|\bghost(?:ed|ing)? me\b", None),
    (B, PH, "told_you_over", r"\bi (?:told|said to) you (?:it was over|no|i didn'?t want|to stop|not to)\b|\bi asked you (?:to stop|not to)\b|\bi said no\b(?! (?:already|to the|mushrooms|thanks))|\bi mean(?:t)? it[.!]*$", None),
    (B, PH, "refusal", r"\bno[.,!]+ (?:not this time|i'?m not|i won'?t|you'?re not|it'?s my)\b|\bno \w+[.,] i'?m not\b|\bi'?m not (?:giving|handing|doing that|coming|sending) (?:you|it|them|that|again|tonight|back)?\b", None),
    (B, PH, "changed_because", r"\bi changed (?:it|them|the \w+|my \w+) (?:because|so) (?:you|he|she)\b|\bi want (?:every|all|those|the)[\w ]{0,30} deleted\b|\b(?:that|the|your) app off my (?:phone|laptop)\b", None),
    (B, PH, "dont_want_you_near", r"\bdon'?t want you (?:near|at|in|around|to come|coming|here|there)\b", None),
    (B, PH, "my_own", r"\bi can (?:manage|handle|do|look after) my own\b|\bi want to keep my\b|\bi'?d rather (?:we|you) (?:don'?t|didn'?t|not) (?:post|share|tell|talk about|put|come|text|call)\b|\bwe'?d rather (?:he|she|they)'?s? not\b", None),
    (B, PH, "ill_tell_mum", r"\bi'?ll tell (?:mum|mom|dad|the teacher|miss)\b", "A child's boundary."),
    (B, PH, "dont_involve", r"\bdon'?t (?:involve|bring) (?:my|uncle|auntie|\w+) (?:\w+ )?in(?:to)? this\b", None),
    (B, PH, "ended_it", r"\bwe broke up\b(?! the)|\bi ended it\b|\bit'?s over\.? (?:don'?t|stop|leave)", None),
    (B, PH, "not_able", r"\bi'?m not able to do\b", None),
    (B, PH, "boundary_word", r"\bboundar(?:y|ies)\b(?! (?:fence|off|wall|line|hedge))(?<!hit a boundary)(?<!on the boundary)", None),
    # ---------------- THREAT_OF_EXPOSURE ----------------
    (E, PH, "your_x_gets", r"\byour (?:whole )?(?:little )?" + FAM + r"\b.{0,40}\b(?:gets? (?:those|these|the|them|it|your|a copy|to see|sent|an? (?:email|message|link|video))|getting (?:the|those|them|it|your)|will (?:see|know|hear|find out|get (?:those|the|them|it|to|an?))|can hear|would love to (?:see|read|hear|know)|finds? out|sees? (?:those|the|them|it|your|what))\b", "Someone in their life gets/sees/hears the material."),
    (E, PH, "everyone_will_know", r"\b(?:everyone|everybody|the whole (?:\w+ )?(?:community|family|group|office|school|church|team|street)|your (?:whole )?" + FAM + r")(?: \w+){0,3} (?:(?:will|is going to|gonna|would|'ll) (?:know|hear|see|find out|learn)(?: (?:what|about|who|the truth|everything|how|by|why|it all)\b|[.!?]|$)|(?:sees|hears|gets) (?:those|the|your|what|about|it|them)\b)", None),
    (E, PH, "ill_tell_your", r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|maybe i'?ll|i could|i can|he'?ll|he will|she'?ll|he'?d|she'?d) (?:tell|show|send|speak to|talk to|email|message|ring|call|forward)(?: it| them| this| these| those| that| everything)? (?:to )?(?:your|everyone|everybody|people|the whole)\b(?!(?: \w+)? (?:you|u) (?:said|say|says))", None),
    (E, PH, "expose_you", r"\b(?:i'?ll|i will|going to|gonna) (?:expose|ruin|out) you\b|\bexpose you to\b", None),
    (E, PH, "leak_them", r"\b(?:i|he|she|we) (?:leak|post|send|share|upload|expose|release)(?:ed|s)? (?:them|it|those|the (?:pics|pictures|photos|videos|video|screenshots|texts))\b|\b(?:never|not) (?:post|leak|send|share) them\b", None),
    (E, PH, "got_the_material", r"\bi'?ve (?:got|still got|kept) (?:the|your|those|all the|all your|a few)(?: \w+)? (?:videos?|pics|pictures|photos|nudes|screenshots|recordings)(?=[.!,]|$| of you)|\b(?:nobody|no one) has to see (?:them|it|those)\b", None),
    (E, PH, "people_found_out", r"\b(?:imagine if|what if|would hate (?:it )?if) (?:people|everyone|your \w+) (?:found out|knew|saw|heard)\b|\bexplaining (?:things|this|that|it) to your\b", None),
    (E, PH, "keep_between_us", r"\bkeep (?:your|this|it|that)\b[\w ]{0,30}\bbetween us\b", None),
    (E, PH, "if_you_send", r"\bif you (?:send|post|share|show) (?:anything|them|those|it|that|my \w+)(?: \w+)? to (?:my|your|anyone|everyone|people)\b", None),
    (E, PH, "tell_everyone_what", r"\btell (?:everyone|people|them all|the whole \w+)(?: at \w+)? (?:what|about|why|how|the truth)\b|\bpeople to know the truth\b", None),
    (E, PH, "icloud_login", r"\bi still (?:know|have|got) your (?:\w+ )?(?:login|password|passcode)\b", None),
    # ---------------- SURVEILLANCE_CLAIM ----------------
    (S, PH, "read_messages", r"\b(?:read|reading|reads|went through|go through|going through|goes through|look(?:ed|ing)? (?:at|through)|snoop(?:ed|ing)? (?:in|through)|checked|checking|checks|scroll(?:ed|ing)? through)(?: all)? (?:my|your|his|her)(?: \w+)? (?:messages|texts|phone|chats|dms|whatsapp|bag|browser|search history|call log|notifications|diary|emails)\b", None),
    (S, PH, "went_through_it", r"\b(?:kept|keep|keeps|been) (?:going|looking) through (?:it|my|your)\b|\bi looked at (?:one|a|the) message\b", None),
    (S, PH, "location", r"\b(?:your|her|his|my) (?:location|last seen|find my)\b|\blocation (?:is |was |went )?(?:off|on|says|shows)\b|\b(?:checks|checked|checking|track|tracks|tracked|tracking|watches|watched|watching) (?:my|your|her|his) (?:location|phone|whereabouts|car|movements)\b|\b(?:i|he|she) (?:only |just |always )?(?:check|track|watch) (?:my|your|her|his) (?:location|phone|whereabouts|movements)\b", None),
    (S, PH, "i_can_see_where", r"\bi (?:can see|know|knew|saw) (?:exactly )?where you (?:are|were|went|go)\b|\bi have my ways\b|\bhow (?:did|do|does|would) (?:you|he|she) (?:even )?know\b", None),
    (S, PH, "spy_app", r"\b(?:put|installed|install|installing|added) (?:an? )?(?:app|tracker|spyware|airtag|gps)\b|\bthat app off my\b|\bspy(?:ing|ware)?\b|\bstalk(?:ing|ed)? (?:me|you|her)\b", None),
    (S, PH, "watching_person", r"\b(?:been|was|were|i'?m|am|are|keep|kept|always|be) watching (?:me|you|your|her)\b(?! from the)|\bwatching is a\b", None),
    (S, PH, "follow_me", r"\bfollow(?:ing|ed|s)? (?:me|you|her)\b(?! on )|\bhaving someone follow\b", None),
    (S, PH, "saw_you", r"\b(?:saw|seen|spot|spotted|watched) you (?!later|soon|tomorrow|there\b|playing|play|sing|singing|perform)(?:\w+ing|with|through|outside|leave|go|get|pack|talk|kiss|hug)|\bi'?ve seen how\b|\bwasn'?t hard to spot\b", None),
    (S, PH, "drive_past", r"\b(?:drove|drive|driving|walked|walking) past (?:your|yours|you|her|his)\b|\b(?:drove|driving) past[.!]|\bstop driving past\b|\boutside (?:my|your) (?:work|house|flat|place|office)\b|\bi was (?:just )?in the area\b|[\x22“]in the area[\x22”]", None),
    (S, PH, "recording_person", r"\b(?:record(?:ed|ing|s)?|film(?:ed|ing|s)?|tape[ds]?|taping) (?:me|you|her|my calls|your calls|the call|our|us|my|everything you)\b|\bevery recording\b|\blisten(?:ing|ed)? in\b|\bi heard (?:you|what you said)\b(?! (?:got|were|are|had|have|the first))", None),
    (S, PH, "hidden_camera", r"\b(?:hidden|secret|spy) (?:camera|cam|microphone|mic|recorder)\b|\bcamera in (?:the|my|our) (?:hall|bedroom|bathroom|room|living room|house|flat)\b(?! (?:caught|shows))(?![^.!?]{0,30}(?:dog|cat|pet|parcel|delivery|baby))", None),
    (S, PH, "checking_up", r"\bcheck(?:ing|s)? up on\b|\bnotices everything\b|\btells? me everything\b|\bi'?ll check who\b|\bhaving (?:me|you|her) followed\b", None),
    (S, PH, "nothing_to_hide_s", r"\b(?:nothing|something) to hide\b", None),
    (S, PH, "online_at", r"\bwhy (?:were|was) (?:you|she|he) online\b|\bwho (?:were|was) you (?:texting|talking to|messaging)\b", None),
    (S, PH, "nice_x_with", r"\bnice (?:chat|coffee|lunch|dress|drink|walk|dinner|hug)s? with \w+\b", None),
    (S, PH, "so_i_know", r"\bso i (?:know|can see|can check) (?:you'?re not|who|where|what)\b", None),
    (S, PH, "access_phone", r"\b(?:anyone|he|she)(?: else)? (?:has|have) access to (?:this|your|my) phone\b", None),
    (S, PH, "brother_saw", r"\b(?:brother|sister|mate|friend|cousin|uncle)(?:'s)? (?:\w+ )?(?:saw|seen|spotted) you\b", None),
    # ---------------- CONTROL_ACCESS ----------------
    (C, PH, "give_me_your", r"\b(?:give|send|hand|show|pass) (?:me|over) your (?:\w+ )?(?:phone|password|passcode|pin|login|card|keys?|wages|money|passport|laptop)\b", None),
    (C, PH, "whats_your_passcode", r"\bwhat'?s your (?:\w+ )?(?:passcode|password|pin|login)\b|\bif (?:i|you) (?:didn'?t|don'?t|won'?t|wouldn'?t) unlock\b", None),
    (C, PH, "you_dont_need", r"\byou don'?t need (?:a job|your own|a card|money|a phone|a car|to go on|to work|your card|your phone|a bank)\b", None),
    (C, PH, "permission_spend", r"\b(?:ask|asking) (?:me )?(?:before you (?:spend|buy|take|go)|permission)\b|\bbefore you spend\b|\bwithout asking permission\b", None),
    (C, PH, "wages_go_into", r"\byour (?:wages|salary|pay|pension|benefits|money|card|payslip)\b.{0,30}\b(?:go(?:es)? (?:into|to|straight to) (?:my|mine|me|an account i)|over to me)\b|\bsend your (?:wages|salary|pay) over\b|\bsend (?:me )?your (?:wages|salary|pay)\b", None),
    (C, PH, "ill_handle", r"\b(?:i'?ll|i will|let me) (?:handle|manage|look after|take care of|sort) (?:all that|all the bills|all the money|your money|everything|it all|your (?:money|wages|pension|benefits|card|bank|finances|account))\b|\bi manage your\b|\ban account i (?:manage|control)\b", None),
    (C, PH, "when_i_see", r"\bwhen i see the receipt\b|\byou'?ll get (?:money|it|the code|your \w+|them|the \w+)(?: \w+)? when\b|\bi didn'?t see a receipt\b", None),
    (C, PH, "pay_what_i_tell", r"\b(?:pay|spend|buy|do) what i (?:tell|say)\b|\b(?:money|card|allowance|rent|tuition|fees)(?: \w+)? comes from me\b|\ba week should be (?:plenty|enough)\b", None),
    (C, PH, "housing_power", r"\bmy name on the (?:lease|tenancy|deeds|mortgage)\b|\bmy (?:flat|house|home)\b.{0,20}\bmy (?:name|lease|rules)\b|\broof over your head\b|\byou live here because\b|\bfollow my rules\b|\bon the (?:tenancy|lease) too\b|\bthrow (?:me|you) out\b", None),
    (C, PH, "changed_code", r"\b(?:i'?ve |i )?chang(?:ed|ing) the (?:code|locks?|wifi password)\b|\bkey to my own\b|\bi(?:'ve)? (?:changed|reset) your (?:password|passcode|pin|login)\b(?![^.]{0,30}(?:(?:like|as) you asked|temporary))", None),
    (C, PH, "take_phone", r"\btak(?:e|en|ing) (?:my|your) (?:phone|keys|car keys|card|passport|laptop)\b|\bput your (?:phone|passport|keys|card) in\b|\bmy (?:phone|laptop|passport|card|keys) back\b|\bwon'?t give (?:it|them) back\b|\b(?:got|have|took|taken|hid|hidden|keeping) (?:the car keys|your (?:car )?keys)\b|\bcan'?t have the car\b", None),
    (C, PH, "stuff_on_street", r"\byour (?:stuff|things|clothes) (?:will be|is going|are going|goes) (?:on|in|out)(?: the| on| in)? ?(?:street|road|bin|bags?|skip|drive)\b", None),
    (C, PH, "locked_drawer", r"\b(?:he|she|they) keeps? (?:them|it|my \w+) (?:in a locked|locked)\b", None),
    (C, PH, "bad_with_money", r"\byou'?re (?:rubbish|useless|hopeless|bad|terrible) with money\b|\bwhat you'?re like with money\b|\bwith your money\b|\bcounts? (?:the|my) money\b", None),
    (C, PH, "photos_hostage", r"\b(?:has|have|still has|kept|keeps|took|taken) (?:my|your) (?:old )?(?:laptop|phone|photos|passport|id|documents|bank card|card)\b|\bthreatened to (?:wipe|delete)\b|\bdelet(?:e|ed|ing) (?:all )?(?:my|your) (?:photos|pics|files|account)\b", None),
    # ---- paraphrases from eval/GUIDELINES.md examples, added for generalisation ----
    (H, PH, "injury_marks", r"\b(?:marks|bruises?|bruised) (?:on|all over|this morning|from)\b|\blocked myself in\b|\bi'?m (?:still )?shaking\b|\bdon'?t know what (?:he|she)'?(?:ll| will) do\b", None),
    (H, PH, "kids_threat", r"\byou'?ll never see (?:the|your|my) (?:kids|children|son|daughter)\b|\b(?:take|taking) the (?:kids|children) (?:away|off you)\b|\bno point in me being here\b", None),
    (P, PH, "everything_i_do", r"\beverything i do is (?:for|so|to|because)\b|\bthat'?s why i (?:decide|check|keep|need to know)\b", None),
    (B, PH, "my_phone_is_mine", r"\bmy phone is mine\b(?! again)|\b(?:it'?s|that'?s) my phone(?:[.!,]+ (?:you|not)| not yours|[.!]*$)", None),
    (E, PH, "one_tap", r"\bone (?:tap|click|word|message|call|post) and (?:it'?s|they'?re|everyone|the whole|your|i (?:send|post|leak|share))|\bimagine (?:if )?your \w+ (?:opening|seeing|reading|finding|getting|hearing)\b", None),
    (E, PH, "send_material_to", r"\b(?:send|show|post|forward|share|email)\w* (?:the|those|your|my|all)(?: \w+)? (?:videos?|pics|pictures|photos|nudes|screenshots|texts|messages|recordings) to (?:your|his|her|everyone|the whole|my (?:work|boss|job|family|parents|church|school))\b", None),
    (E, PH, "tell_the_judge", r"\b(?:tell|show) (?:the )?(?:judge|court|social services|school|your (?:boss|employer|hr))\b(?: \w+)? (?:what|about|that you|you'?re|how)\b", None),
    (E, PH, "material_goes", r"\b(?:the |your |those |my )?(?:pics|pictures|photos|videos?|nudes|screenshots|texts) (?:go|goes|going|get sent|are going|will go|end up) (?:to|online|up|public|everywhere)\b", None),
    (S, PH, "on_the_map", r"\bsee you(?:'re| are)?(?: still)? (?:at|in) [^.!?]{0,30}\bon the (?:map|app)\b|\byou(?:'re| are| were) still at \w+'s\b", None),
    (S, PH, "proof_pic", r"\bsend (?:me )?a (?:pic|photo|selfie|video)\b.{0,20}\bso i (?:know|can see)\b", None),
    (C, PH, "router_off", r"\b(?:router|wifi|internet|data) off (?:till|until)\b|\bwhy did you (?:take|spend|withdraw|take out) £?\d", None),
    (C, PH, "know_your_login", r"\bi (?:still )?(?:know|have) your (?:\w+ )?(?:login|password|passcode|pin)\b", None),
]


def main() -> None:
    rules = []
    seen = set()
    for cat, tier, short, pattern, desc in RULES:
        prefix = {H: "harm", P: "protector", B: "boundary", E: "exposure", S: "surveillance", C: "control"}[cat]
        rid = f"{prefix}.{tier.lower()}.{short}"
        assert rid not in seen, rid
        seen.add(rid)
        rule = {"id": rid, "category": cat, "tier": tier, "pattern": pattern.replace("'", "['’‘]")}
        if desc:
            rule["description"] = desc
        rules.append(rule)
    pack = {
        "name": "messages-v2-draft",
        "version": "0.1.0",
        "description": "Draft message-mode pack: phrase rules by meaning, tuned on eval/dev.jsonl only.",
        "window": 6,
        "categories": [
            {"name": H, "description": "Language describing harm, fear, threats or being trapped."},
            {"name": P, "description": "Claims of acting to protect or keep the other person safe."},
            {"name": B, "description": "Setting or referring to boundaries, privacy, refusal or no contact."},
            {"name": E, "description": "Threats to leak, expose, tell others or post something."},
            {"name": S, "description": "Claims of watching, recording, listening to or tracking someone."},
            {"name": C, "description": "Control over passwords, accounts, photos, money or housing."},
        ],
        "rules": rules,
        "sequences": [
            {"start": H, "end": P},
            {"start": B, "end": H},
            {"start": E, "end": P},
        ],
    }
    out = Path(__file__).with_name("v2-draft.yaml")
    header = "# Generated by build_v2_draft.py; edit that file, not this one.\n"
    out.write_text(header + yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=10000), encoding="utf-8")
    print(out, len(rules), "rules")


if __name__ == "__main__":
    main()
