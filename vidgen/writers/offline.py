"""The default writer: embedded, deterministic, no network.

It cannot know facts about an arbitrary topic, so it writes the narration a presenter
would use to frame one: a question, how to think about it, what to look for, a recap
(`SCAFFOLD_NOTE` says so to the user, once). Each template scene carries a picture that
builds with its sentences: the ingredients as a flow, the process step by step, the mistake
as a comparison, the recap as a ticked list. With a source document (`--from`) it builds the
narration from the document's own key sentences instead, so a user's notes become the script.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from vidgen.config import Settings
from vidgen.registry import Readiness
from vidgen.script.sentences import sentences_or_text, split_sentences
from vidgen.writers import register
from vidgen.writers.notes import script_from_notes

SCAFFOLD_NOTE = ("The offline writer cannot know facts about your topic, so its narration is a scaffold to edit. "
                 "For real content, write from your own notes (--from notes.md), set GOOGLE_API_KEY to use Gemini, "
                 "or run a local model with Ollama and pass --llm openai "
                 "(VIDGEN_OPENAI_BASE_URL=http://127.0.0.1:11434/v1).")
# the same for the studio, in its own words: a person there has the "From notes" box and a menu, not flags
SCAFFOLD_ADVICE = ("The offline writer cannot know facts about your topic, so its narration is a scaffold to edit. "
                   "For real content, write from your own notes (From notes, above), or choose an online writer "
                   "such as Gemini or a local model when this server has one set up.")
TICK = "$\\checkmark$ "


def subject_of(topic: str) -> str:
    """The topic as a phrase that reads well mid-sentence: 'How rainbows form' -> 'how rainbows form'.

    Templates only ever use it where a noun clause fits ("understand ...", "the story of ...").
    """
    topic = " ".join(topic.split()).rstrip("?.!")
    first = topic.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper():
        topic = first.lower() + topic[len(first):]
    return topic


def title_case(text: str) -> str:
    small = {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "at", "by"}
    words = text.split()
    return " ".join(w if (w.isupper() and len(w) > 1) else
                    (w.lower() if i and w.lower() in small else w[:1].upper() + w[1:])
                    for i, w in enumerate(words))


def _pick(options: list[str], seed: int, salt: int) -> str:
    return options[(seed + salt) % len(options)]


def _scene(seq: int, text: str, anim: str, layout: str, on_screen: list[str],
           visual: dict[str, Any] | None = None) -> dict[str, Any]:
    scene = {"seq": seq, "text": text, "anim": anim, "layout": layout, "on_screen": on_screen}
    if visual:
        scene["visual"] = visual
    return scene


def _el(eid: str, kind: str, items: list[str | dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"id": eid, "kind": kind, **extra,
            "items": [{"label": i} if isinstance(i, str) else i for i in items]}


def _visual(text: str, layout: str, elements: list[dict[str, Any]], steps: list[tuple[str, str, str]],
            title: str | None = None) -> dict[str, Any] | None:
    """A template scene's picture. Each step names its sentence by a phrase the sentence contains, so it
    stays bound to what is said whatever the topic does to the sentence count; the repair is a safety net
    for a topic long enough to overflow a label."""
    from vidgen.author.pacing import open_early
    from vidgen.author.repair import repair_visual

    sentences = [s.lower() for s in sentences_or_text(text)]

    def at(phrase: str) -> int:
        return next((i for i, s in enumerate(sentences) if phrase.lower() in s), len(sentences) - 1)

    raw: dict[str, Any] = {"layout": layout, "elements": elements,
                           "steps": [{"sentence": at(p), "action": a, "target": t} for p, a, t in steps]}
    open_early(raw["elements"], raw["steps"], split_sentences(text))   # something on screen from the start
    if title:
        raw["title"] = title
    visual, _ = repair_visual(raw, len(sentences))
    return visual.model_dump(mode="json", exclude_none=True) if visual else None


def _title_card(text: str, title: str, subtitle: str, cue: str) -> dict[str, Any] | None:
    """The card's title is the visual's own; the line under it appears when the narration gets there."""
    return _visual(text, "title", [_el("T", "text", [subtitle])], [(cue, "show", "T.0")], title)


def explainer(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(topic.rstrip("?.!"))
    hook = _pick([f"Have you ever stopped to wonder {topic.rstrip('?.!').lower()}?",
                  f"{t}: it sounds simple, but there is more to it than meets the eye.",
                  f"Let's take a few minutes to understand {topic.rstrip('?.!').lower()}."], seed, 0)
    texts = [
        f"{hook} In this video we will build the idea from the ground up, one step at a time, "
        f"so that by the end you can explain it to a friend.",
        f"Start with the big picture. Every explanation of {s} rests on a few basic ingredients. "
        f"Before the details, it helps to name them and to see how they fit together.",
        f"Now the process itself. First, the conditions have to be right. Then one thing leads to "
        f"the next, and each step sets up the one after it. Follow the chain, and the mystery of {s} "
        f"falls into place.",
        f"A common mistake is to remember only the result and forget the cause. If you can say "
        f"why each step happens, and not just that it happens, you really understand {s}.",
        f"To recap: name the ingredients, follow the steps in order, and ask why at every link. "
        f"That is the whole story of {s}. Thanks for watching, and stay curious.",
    ]
    scenes = [
        _scene(1, texts[0], f"Title card '{t}'. Soft background motion, the title settles in the centre.",
               "title_and_main_content", [t, "Built up one step at a time"],
               _title_card(texts[0], t, "Built up one step at a time", "one step at a time")),
        _scene(2, texts[1], f"Three labelled boxes appear, one per ingredient of {s}, joined by arrows.",
               "split_screen", ["The big picture", "The basic ingredients", "How they connect"],
               _visual(texts[1], "full", [_el("F", "flow", [
                   {"id": "big", "label": "The big picture"}, {"id": "parts", "label": "The basic ingredients"},
                   {"id": "fit", "label": "How they fit together"}])],
                   [("big picture", "show", "F.big"), ("ingredients", "show", "F.parts"),
                    ("fit together", "show", "F.fit")], "The big picture")),
        _scene(3, texts[2], "A numbered sequence, step one to step three, each step lighting up in turn.",
               "title_and_main_content", ["How it happens", "Step 1: the conditions",
                                          "Step 2: the chain reaction", "Step 3: the result"],
               _visual(texts[2], "full", [_el("F", "flow", [
                   {"id": "s1", "label": "The right conditions"},
                   {"id": "s2", "label": "One step sets up the next"}, {"id": "s3", "label": "The result"}])],
                   [("first,", "show", "F.s1"), ("one thing leads", "show", "F.s2"),
                    ("follow the chain", "show", "F.s3"), ("follow the chain", "highlight", "F.s3")],
                   "How it happens")),
        _scene(4, texts[3], "A crossed-out shortcut next to the full chain of causes, highlighted.",
               "split_screen", ["Common mistake", "Know the why, not just the what"],
               _visual(texts[3], "full", [_el("K", "compare", [
                   {"label": "Remember only the result", "detail": "left"},
                   {"label": "Forget the cause", "detail": "left"},
                   {"label": "Say why each step happens", "detail": "right"}], caption="Shortcut vs Understanding")],
                   [("common mistake", "show", "K.0"), ("forget the cause", "show", "K.1"),
                    ("if you can say why", "show", "K.2"), ("if you can say why", "highlight", "K.2")],
                   "A common mistake")),
        _scene(5, texts[4], f"Recap list with three ticks, then the title '{t}' returns.",
               "custom", ["Recap", "Ingredients", "Steps in order", "Ask why"],
               _visual(texts[4], "full", [_el("L", "bullets", [
                   f"{TICK}Name the ingredients", f"{TICK}Follow the steps in order", f"{TICK}Ask why at every link"])],
                   [("name the ingredients", "show", "L.0"), ("follow the steps", "show", "L.1"),
                    ("ask why", "show", "L.2"), ("whole story", "highlight", "L.2")], "Recap")),
    ]
    return {"title": f"{t}, Explained", "scenes": scenes}


def story(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(subject_of(topic))
    name = _pick(["Maya", "Leo", "Ana", "Sam", "Noor", "Kai"], seed, 1)
    texts = [
        f"{name} had always noticed it, but never asked. One afternoon the question would not go "
        f"away. What is the real story behind {s}? So {name} decided to find out.",
        f"The first answers were too simple. Each one explained a part, but left a gap. "
        f"{name} realised that to understand {s}, you have to look at what happens before it.",
        f"Then came the turning point. Looking closely, {name} saw the pieces connect: a cause, a "
        f"reaction, and a result you can see. What had looked like magic was a process.",
        f"Now {name} sees the idea everywhere, and explains it to anyone who asks. The best part? "
        f"Once you know what to look for, you will see it too.",
    ]
    scenes = [
        _scene(1, texts[0], f"Illustrated scene: {name} looking up, a question mark forming in the air.",
               "title_and_main_content", [f"The Curious Case of {t}"],
               _visual(texts[0], "title", [_el("T", "text", [f"What is the real story behind {s}?",
                                                             f"{name} decides to find out"])],
                       [("real story", "show", "T.0"), ("decided to find out", "show", "T.1")],
                       f"The Curious Case of {t}")),
        _scene(2, texts[1], f"{name}'s notebook fills with sketches and arrows; some are crossed out.",
               "split_screen", ["Simple answers leave gaps", "Look at what comes before"],
               _visual(texts[1], "full", [_el("T", "text", ["Simple answers leave gaps",
                                                            "Look at what comes before"])],
                       [("too simple", "show", "T.0"), ("look at what happens before", "show", "T.1"),
                        ("look at what happens before", "highlight", "T.1")], "The first answers")),
        _scene(3, texts[2], "The sketches snap together into one clear diagram; a light bulb glows.",
               "title_and_main_content", ["The turning point", "Cause, reaction, result"],
               _visual(texts[2], "full", [_el("F", "flow", [
                   {"id": "cause", "label": "Cause"}, {"id": "reaction", "label": "Reaction"},
                   {"id": "result", "label": "A result you can see"}])],
                   [("pieces connect", "show", "F.cause"), ("pieces connect", "show", "F.reaction"),
                    ("pieces connect", "show", "F.result"), ("was a process", "highlight", "F")],
                   "The turning point")),
        _scene(4, texts[3], f"{name} pointing out the idea in everyday life, friends gathered around.",
               "custom", ["Once you know, you see it everywhere"],
               _visual(texts[3], "full", [_el("T", "text", ["Once you know what to look for,",
                                                            "you see it everywhere"])],
                       [("sees the idea everywhere", "show", "T.0"), ("once you know", "show", "T.1"),
                        ("once you know", "highlight", "T.1")], "Seeing it everywhere")),
    ]
    return {"title": f"The Curious Case of {t}", "scenes": scenes}


def _fact(text: str, number: str, points: list[tuple[str, str]]) -> dict[str, Any] | None:
    """A countdown scene: the fact as its title, the big number, then the points that back it as they are said."""
    rest = points[1:]
    return _visual(text, "split", [_el("N", "text", [number]), _el("L", "bullets", [p for p, _ in rest])],
                   [(cue, "show", f"L.{k}") for k, (_, cue) in enumerate(rest)] + [(points[0][1], "highlight", "N")],
                   points[0][0])


def countdown(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(subject_of(topic))
    texts = [
        f"Here are four quick things to know about {s}. Number four might sound obvious, "
        f"but number one changes how you see it. Let's count down.",
        "Number four: it has a cause. None of it happens at random; the right "
        "conditions have to come together first.",
        "Number three: it follows steps. The same sequence plays out every time, which is why "
        "scientists can describe it and predict it.",
        f"Number two: you can observe it yourself. With a little patience and the right angle, "
        f"you can check {s} with your own eyes.",
        f"And number one: understanding {s} explains much more than this one thing. The same idea "
        f"shows up again and again across nature and technology. Which fact surprised you most?",
    ]
    scenes = [
        _scene(1, texts[0], "Big animated counter '4' with the topic name beneath it.",
               "title_and_main_content", [f"4 Quick Facts: {t}"],
               _visual(texts[0], "title", [_el("N", "text", ["4", f"quick facts about {s}"])],
                       [("number four", "show", "N.0"), ("count down", "highlight", "N.0")],
                       f"4 Quick Facts: {t}")),
        _scene(2, texts[1], "Counter flips to 4. Icons of the conditions slide in.",
               "split_screen", ["#4", "It has a cause"],
               _fact(texts[1], "#4", [("It has a cause", "it has a cause"),
                                      ("The right conditions come first", "the right conditions")])),
        _scene(3, texts[2], "Counter flips to 3. A short sequence of numbered steps.",
               "split_screen", ["#3", "It follows steps"],
               _fact(texts[2], "#3", [("It follows steps", "it follows steps"),
                                      ("The same sequence every time", "same sequence"),
                                      ("So it can be predicted", "predict")])),
        _scene(4, texts[3], "Counter flips to 2. A person with a magnifying glass.",
               "split_screen", ["#2", "You can see it yourself"],
               _fact(texts[3], "#2", [("You can observe it yourself", "observe it yourself"),
                                      ("Check it with your own eyes", "own eyes")])),
        _scene(5, texts[4], "Counter flips to 1. The idea branches out into a web of related examples.",
               "custom", ["#1", "One idea, many places"],
               _fact(texts[4], "#1", [("It explains much more", "explains much more"),
                                      ("One idea, many places", "again and again"),
                                      ("Which surprised you most?", "surprised you")])),
    ]
    return {"title": f"4 Quick Facts About {t}", "scenes": scenes}


def _myth(text: str, myth: str, fact: str, title: str) -> dict[str, Any] | None:
    return _visual(text, "full", [_el("K", "compare", [{"label": myth, "detail": "left"},
                                                       {"label": fact, "detail": "right"}], caption="Myth vs Fact")],
                   [("myth", "show", "K.0"), ("in fact", "show", "K.1"), ("in fact", "highlight", "K.1")], title)


def myth_buster(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(subject_of(topic))
    texts = [f"There are a lot of half-truths about {s}. Let's test three of them.",
             f"Myth one: it is too complicated to understand. In fact, a few simple ideas explain most of {s}.",
             f"Myth two: it just happens. In fact, every part of {s} has a cause you can trace.",
             f"Myth three: it has nothing to do with everyday life. In fact, once you understand {s}, "
             f"you start noticing it all around you."]
    scenes = [
        _scene(1, texts[0], "Title with a 'myth or fact?' stamp.", "title_and_main_content", [f"{t}: Myth or Fact?"],
               _visual(texts[0], "full", [_el("L", "bullets", ["Too complicated?", "It just happens?",
                                                               "Nothing to do with everyday life?"])],
                       [("test three", "show", "L.0"), ("test three", "show", "L.1"), ("test three", "show", "L.2")],
                       f"{t}: Myth or Fact?")),
        _scene(2, texts[1], "A tangled knot untying itself.", "split_screen",
               ["Myth: too complicated", "Fact: a few simple ideas"],
               _myth(texts[1], "Too complicated to understand", "A few simple ideas explain most of it",
                     "Myth one: too complicated?")),
        _scene(3, texts[2], "A chain of causes drawn link by link.", "split_screen",
               ["Myth: it just happens", "Fact: every part has a cause"],
               _myth(texts[2], "It just happens", "Every part has a cause you can trace",
                     "Myth two: it just happens?")),
        _scene(4, texts[3], "Everyday scenes with the idea highlighted.", "custom",
               ["Myth: not everyday", "Fact: it is all around you"],
               _myth(texts[3], "Nothing to do with everyday life", "It is all around you",
                     "Myth three: not everyday?")),
    ]
    return {"title": f"{t}: Myth or Fact?", "scenes": scenes}


def deep_dive(topic: str, seed: int) -> dict[str, Any]:
    script = explainer(topic, seed + 7)
    t = title_case(subject_of(topic))
    script["title"] = f"A Deeper Look at {t}"
    text = (f"You know the basics of {subject_of(topic)}. Now let's go one level "
            f"deeper and look at the details that the simple version leaves out.")
    script["scenes"][0]["text"] = text
    card = _title_card(text, f"A Deeper Look at {t}", "The details the simple version leaves out", "deeper")
    if card:
        script["scenes"][0]["visual"] = card
    return script


TEMPLATES = [explainer, story, countdown, myth_buster, deep_dive]


def from_source(topic: str | None, source: str, style: int, filename: str | None = None) -> dict[str, Any]:
    """A user's notes as a script, sections in order (see vidgen.writers.notes); `_note` says how.

    `topic` is the user's own topic, or None/"" to title the script by the notes' first heading.
    """
    return script_from_notes(topic, source, style, filename=filename)


@register("offline")
class OfflineWriter:
    name: ClassVar[str] = "offline"
    summary: ClassVar[str] = "built in, no network: presenter scaffolds, or a script built from your own notes"
    options: ClassVar[tuple] = ()

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        return Readiness(True, "built in")

    async def write(self, topic: str, style: int, *, language: str = "en", source: str | None = None) -> dict:
        seed = int(hashlib.sha256(topic.encode()).hexdigest(), 16) % 1000
        if source:
            return from_source(topic, source, style)
        return TEMPLATES[style % len(TEMPLATES)](topic.strip(), seed)
