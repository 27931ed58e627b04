"""The default writer: embedded, deterministic, no network.

It cannot know facts about an arbitrary topic, so it writes the narration a presenter
would use to frame one: a question, how to think about it, what to look for, a recap.
With a source document (`--from`) it builds the narration from the document's own key
sentences instead, so a user's notes become the script.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from vidgen.config import Settings
from vidgen.registry import Readiness
from vidgen.writers import register
from vidgen.writers.notes import script_from_notes



SCAFFOLD_NOTE = ("this script was written offline: it frames the topic but cannot know its facts. For real "
                 "content, write notes and use --from notes.md, set GOOGLE_API_KEY for Gemini, or run a local "
                 "model (Ollama) with --llm openai.")


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


def _scene(seq: int, text: str, anim: str, layout: str, on_screen: list[str]) -> dict[str, Any]:
    return {"seq": seq, "text": text, "anim": anim, "layout": layout, "on_screen": on_screen}


def explainer(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(topic.rstrip("?.!"))
    hook = _pick([f"Have you ever stopped to wonder {topic.rstrip('?.!').lower()}?",
                  f"{t}: it sounds simple, but there is more to it than meets the eye.",
                  f"Let's take a few minutes to understand {topic.rstrip('?.!').lower()}."], seed, 0)
    scenes = [
        _scene(1, f"{hook} In this video we will build the idea from the ground up, one step at a time, "
                  f"so that by the end you can explain it to a friend.",
               f"Title card '{t}'. Soft background motion, the title settles in the centre.",
               "title_and_main_content", [t, "Built up one step at a time"]),
        _scene(2, f"Start with the big picture. Every explanation of {s} rests on a few basic ingredients. "
                  f"Before the details, it helps to name them and to see how they fit together.",
               f"Three labelled boxes appear, one per ingredient of {s}, joined by arrows.",
               "split_screen", ["The big picture", "The basic ingredients", "How they connect"]),
        _scene(3, f"Now the process itself. First, the conditions have to be right. Then one thing leads to "
                  f"the next, and each step sets up the one after it. Follow the chain, and the mystery of {s} "
                  f"falls into place.",
               "A numbered sequence, step one to step three, each step lighting up in turn.",
               "title_and_main_content", ["How it happens", "Step 1: the conditions",
                                          "Step 2: the chain reaction", "Step 3: the result"]),
        _scene(4, f"A common mistake is to remember only the result and forget the cause. If you can say "
                  f"why each step happens, and not just that it happens, you really understand {s}.",
               "A crossed-out shortcut next to the full chain of causes, highlighted.",
               "split_screen", ["Common mistake", "Know the why, not just the what"]),
        _scene(5, f"To recap: name the ingredients, follow the steps in order, and ask why at every link. "
                  f"That is the whole story of {s}. Thanks for watching, and stay curious.",
               f"Recap list with three ticks, then the title '{t}' returns.",
               "custom", ["Recap", "Ingredients", "Steps in order", "Ask why"]),
    ]
    return {"title": f"{t}, Explained", "scenes": scenes}


def story(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(subject_of(topic))
    name = _pick(["Maya", "Leo", "Ana", "Sam", "Noor", "Kai"], seed, 1)
    scenes = [
        _scene(1, f"{name} had always noticed it, but never asked. One afternoon the question would not go "
                  f"away. What is the real story behind {s}? So {name} decided to find out.",
               f"Illustrated scene: {name} looking up, a question mark forming in the air.",
               "title_and_main_content", [f"The Curious Case of {t}"]),
        _scene(2, f"The first answers were too simple. Each one explained a part, but left a gap. "
                  f"{name} realised that to understand {s}, you have to look at what happens before it.",
               f"{name}'s notebook fills with sketches and arrows; some are crossed out.",
               "split_screen", ["Simple answers leave gaps", "Look at what comes before"]),
        _scene(3, f"Then came the turning point. Looking closely, {name} saw the pieces connect: a cause, a "
                  f"reaction, and a result you can see. What had looked like magic was a process.",
               "The sketches snap together into one clear diagram; a light bulb glows.",
               "title_and_main_content", ["The turning point", "Cause, reaction, result"]),
        _scene(4, f"Now {name} sees the idea everywhere, and explains it to anyone who asks. The best part? "
                  f"Once you know what to look for, you will see it too.",
               f"{name} pointing out the idea in everyday life, friends gathered around.",
               "custom", ["Once you know, you see it everywhere"]),
    ]
    return {"title": f"The Curious Case of {t}", "scenes": scenes}


def countdown(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(subject_of(topic))
    scenes = [
        _scene(1, f"Here are four quick things to know about {s}. Number four might sound obvious, "
                  f"but number one changes how you see it. Let's count down.",
               "Big animated counter '4' with the topic name beneath it.",
               "title_and_main_content", [f"4 Quick Facts: {t}"]),
        _scene(2, "Number four: it has a cause. None of it happens at random; the right "
                  "conditions have to come together first.",
               "Counter flips to 4. Icons of the conditions slide in.",
               "split_screen", ["#4", "It has a cause"]),
        _scene(3, "Number three: it follows steps. The same sequence plays out every time, which is why "
                  "scientists can describe it and predict it.",
               "Counter flips to 3. A short sequence of numbered steps.",
               "split_screen", ["#3", "It follows steps"]),
        _scene(4, f"Number two: you can observe it yourself. With a little patience and the right angle, "
                  f"you can check {s} with your own eyes.",
               "Counter flips to 2. A person with a magnifying glass.",
               "split_screen", ["#2", "You can see it yourself"]),
        _scene(5, f"And number one: understanding {s} explains much more than this one thing. The same idea "
                  f"shows up again and again across nature and technology. Which fact surprised you most?",
               "Counter flips to 1. The idea branches out into a web of related examples.",
               "custom", ["#1", "One idea, many places"]),
    ]
    return {"title": f"4 Quick Facts About {t}", "scenes": scenes}


def myth_buster(topic: str, seed: int) -> dict[str, Any]:
    s = subject_of(topic)
    t = title_case(subject_of(topic))
    scenes = [
        _scene(1, f"There are a lot of half-truths about {s}. Let's test three of them.",
               "Title with a 'myth or fact?' stamp.", "title_and_main_content", [f"{t}: Myth or Fact?"]),
        _scene(2, f"Myth one: it is too complicated to understand. In fact, a few simple ideas explain most "
                  f"of {s}.", "A tangled knot untying itself.", "split_screen", ["Myth: too complicated",
                                                                            "Fact: a few simple ideas"]),
        _scene(3, f"Myth two: it just happens. In fact, every part of {s} has a cause you can trace.",
               "A chain of causes drawn link by link.", "split_screen", ["Myth: it just happens",
                                                                        "Fact: every part has a cause"]),
        _scene(4, f"Myth three: it has nothing to do with everyday life. In fact, once you understand {s}, "
                  f"you start noticing it all around you.", "Everyday scenes with the idea highlighted.",
               "custom", ["Myth: not everyday", "Fact: it is all around you"]),
    ]
    return {"title": f"{t}: Myth or Fact?", "scenes": scenes}


def deep_dive(topic: str, seed: int) -> dict[str, Any]:
    script = explainer(topic, seed + 7)
    script["title"] = f"A Deeper Look at {title_case(subject_of(topic))}"
    script["scenes"][0]["text"] = (f"You know the basics of {subject_of(topic)}. Now let's go one level "
                                   f"deeper and look at the details that the simple version leaves out.")
    return script


TEMPLATES = [explainer, story, countdown, myth_buster, deep_dive]


def from_source(topic: str | None, source: str, style: int, filename: str | None = None) -> dict[str, Any]:
    """A user's notes as a script, sections in order (see vidgen.writers.notes); `_note` says how.

    `topic` is the user's own topic, or None/"" to title the script by the notes' first heading.
    """
    return script_from_notes(topic, source, style, filename=filename)


def short_line(sentence: str, words: int = 8) -> str:
    parts = sentence.rstrip(".!?").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@register("offline")
class OfflineWriter:
    name: ClassVar[str] = "offline"
    summary: ClassVar[str] = "built in, no network: presenter scaffolds, or your notes with --from"
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
