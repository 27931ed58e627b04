"""Sentences that point ahead at what they do not say: they announce ('Here is how', 'There is a catch') or tease
('It soon turned out to have a very strange property'). Shown alone, their point is not on screen (issue 20)."""

from __future__ import annotations

import re

# a sentence that points ahead at what it does not say: it only announces (or at the picture the note asks for: 'A
# scatter plot makes the pattern clear')
# ('It soon turned out to have a very strange property', 'He had a clever solution'): the kind of thing to come,
# said without it
TEASER = (r"\b(?:an?|one)\s+(?:very\s+|rather\s+|quite\s+|truly\s+)?(?:strange|surprising|remarkable|curious|"
          r"unexpected|odd|interesting|important|hidden|unusual|peculiar|bizarre|startling|astonishing|extraordinary|"
          r"amazing|incredible|clever|simple|neat|elegant|bold|brilliant|radical|daring|novel|crazy|wild)\s+"
          r"(?:[\w-]+\s+)?(?:property|feature|side effect|effect|pattern|result|discovery|idea|twist|secret|trick|"
          r"finding|consequence|quirk|ability|behaviou?r|power|talent|solution|answer|explanation|connection|story|"
          r"tale|history)$")
FORWARD = re.compile(r"^(?:an?|the|this|our)\s+(?:[\w-]+\s+)?(?:chart|graph|plot|diagram|map|table|picture|image|"
                      r"animation|figure|illustration)\s+(?:makes|shows|reveals|tells|lets|helps|will show)\b|"
                      r"\b(?:a (?:name|word|term) for|(?:is|was) (?:simple|easy|clever|surprising|this|as follows)$|"
                      r"are (?:simple|these)$|find out|we'll see|here(?:'s| is) (?:how|why|what|an?\s)|"
                      r"^not everyone (?:was|is|were|agreed|liked|approved)\b[^,;:]*$|"
                      # ('Here's the formula', 'What happened next rewrote the history books', 'The records are
                      # staggering', 'Sap only runs under very specific conditions'): which, the next sentence says
                      r"here(?:'s| is) the (?:formula|rule|recipe|trick|secret|key|answer|result|twist)$|"
                      r"^what (?:happened|came|happens|comes) next\b|\b(?:is|are|was|were) (?:truly |simply )?"
                      r"(?:staggering|mind-blowing|astonishing|jaw-dropping)$|\b(?:very )?specific conditions$|"
                      r"let me|let's|let us|(?:two|three|four|five|six|several|a few) (?:things|points|facts|rights|"
                      r"rules|steps|questions|reasons)(?: clear)?$|"
                      r"here (?:are|is) (?:the|some|a few|\d+|two|three|four|five|six|seven|eight|nine|ten)|"
                      r"here (?:are|is) an? (?:countdown|list|look|tour|quick look|rundown)\b|"
                      # ('The real story is more surprising', 'There is one more fact worth knowing')
                      r"(?:is|are) (?:even |much |far )?more (?:surprising|interesting|complicated|subtle|clever|"
                      r"remarkable|strange)$|worth (?:knowing|remembering|a look)$|"
                      r"something (?:odd|strange|surprising|interesting|curious|neat|remarkable|important|else)$|"
                      r"(?:has|have|had) (?:a|one) (?:[\w-]+ )?(?:problem|limit|catch|twist|secret|rule|flaw|"
                      r"weakness|trick|question)$|"
                      # a teaser that names only the kind of thing to come ('asked a curious question', 'came from an
                      # unlikely place', 'carries a famous warning', 'The rules matter')
                      r"\b(?:ask(?:ed|s)?|pose[ds]?|came from|comes from|carr(?:ies|ied)|holds?|held|hides?|faced?|"
                      r"made|makes)\s+(?:an?|one)\s+(?:[\w-]+\s+){0,2}(?:question|warning|place|clue|discovery|"
                      r"surprise|puzzle|mystery|challenge|twist)$|^(?:the\s+)?[\w-]+\s+(?:really\s+)?matters?$|"
                      # ('The story has costs too', 'It works both ways', 'Notice the pattern it shares with ...')
                      r"^(?:\S+\s+){0,3}(?:has|have|had) (?:its |their )?(?:costs|downsides|limits|problems|"
                      r"drawbacks|dangers)"
                      r"(?: too| as well)?$|\bworks both ways$|^notice (?:the|a|how)\b|"
                      # ('There is a catch', 'Keeling found a pattern', 'Mauna Loa was chosen for a reason')
                      r"^there(?:'s| is| was) (?:a|one) (?:catch|problem|twist|snag|hitch|bonus|surprise)$|"
                      # ('it pays to do a little math', 'People have known the trick for a very long time'): which
                      # sum, which trick, the next sentences say
                      r"\bit pays to (?:do|know|check|learn) a (?:little|bit of) \w+$|"
                      r"\b(?:have|has|had) known (?:the|this) (?:trick|secret)\b[^,;:]*$|"
                      # ('Their toolkit was almost laughably simple'): which tools, the next words say
                      r"\b(?:was|were|is|are)\s+(?:almost\s+|surprisingly\s+|remarkably\s+)?(?:laughably|"
                      r"ridiculously|absurdly|astonishingly)\s+(?:simple|basic|crude|cheap)$|"
                      r"\b(?:found|noticed|spotted|saw|discovered) a (?:pattern|clue)$|"
                      # ('There are two main knots, and they are not interchangeable'): which, the next sentences say
                      r"^there (?:are|were) (?:two|three|four|five|six|several|a few) (?:main |key |basic |different |"
                      r"distinct )?[\w-]+s,? and (?:they|these|those) [^,;:]*$|"
                      # ('Now for the math behind the price tag', 'The story does not end with the machine')
                      r"^now (?:for|to) (?:the|a|some)\b[^,;:]*$|"
                      r"\bstory (?:does not|doesn't|did not|didn't) end\b[^,;:]*$|"
                      r"\bfor a (?:good )?reason$|\b(?:real |true |whole )?story (?:starts|begins) with\b|"
                      # ('..., and for good reason', 'E is perhaps the most important', 'Machines provided the
                      # solution'): a claim whose grounds, or whose content, the next sentence gives
                      r",?\s+and for (?:very )?good reason$|\b(?:is|was|are|were)\s+(?:perhaps|probably|arguably)\s+"
                      r"the most (?:important|useful|interesting|surprising|famous|powerful)(?:\s+(?:one|of all))?$|"
                      r"\b(?:provided|offered|brought|had|held)\s+the\s+(?:solution|answer|fix)$|"
                      # ('The second exposure is when things go wrong', 'Hobbes made the puzzle harder', 'Today we
                      # know why the fruit worked', 'Your eye solves the same problem a different way', 'hold the
                      # resistor the right way round'): what goes wrong, how, why, which way, the next sentence says
                      r"\b(?:things|it|everything)\s+(?:go(?:es)?|went)\s+wrong$|\b(?:gets?|got)\s+(?:interesting|"
                      r"tricky|strange|weird)$|\bmade\s+(?:the|this|that|it)\s+(?:\w+\s+)?(?:harder|worse|stranger|"
                      r"more (?:interesting|complicated|puzzling))$|"
                      r"\b(?:we|scientists|doctors) (?:now )?know (?:why|how)\b[^,;:]*$|"
                      r"\ba different way$|\bthe right way(?: round| up)?$|\b(?:a|the) pattern (?:appears|emerges)$|"
                      # ('A couple of caveats', 'The takeaway from all five myths', 'Boas's point was actually
                      # modest', 'Then came New Year's Day, 1995', 'Savonarola remains hard to pin down', 'the picture
                      # becomes obvious', 'We'll work through it', 'Now compare that with ...'): what, the next says
                      r"^(?:a couple of|a few|two|one|some) (?:quick |important )?(?:caveats?|cautions?|warnings?|"
                      r"notes?|words of (?:warning|caution))\b|"
                      r"^the (?:takeaway|bottom line|moral|upshot)(?: from [^,;:]*)?$|"
                      r"\b(?:is|was) (?:actually |rather |quite |surprisingly )?(?:modest|subtle|different|narrower)$|"
                      r"^then came [^,;:]*\b(?:day|night|morning|evening|year|summer|winter|spring|autumn)\b"
                      r"(?:, \d{4})?$|"
                      r"\bremains? (?:hard to (?:pin down|judge|say)|a (?:mystery|puzzle|riddle))$|"
                      r"\b(?:the picture|everything|the answer|the pattern) becomes (?:obvious|clear)$|"
                      r"\bwe'll (?:work|walk|go) through\b|^now (?:compare|push|take)\b|"
                      r"^to (?:see|understand) (?:why|how)\b|"
                      # ('Just remember the method's limits'): which limits, the next sentence says
                      r"\bremember (?:the|its|their|this) (?:[\w'’-]+\s+){0,2}(?:limits|limitations|caveats?|"
                      r"catch|weak spots?)$|"
                      # ('The reason lies in those rod-like molecules': where, not what)
                      # (not one that goes on to say it: 'The answer lies in tiny threads ... that slide past ...')
                      r"^the (?:reason|answer|secret|key|trick) (?:lies|lay) in (?:\S+\s+){0,5}\S+$|" +
                      TEASER + ")", re.I)
