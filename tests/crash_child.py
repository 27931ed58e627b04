"""Run one vidgen operation and SIGKILL ourselves at the k-th durability step.

The steps counted are every os.replace, os.fsync, os.link and shutil.copyfile: each is a point
where a crash could leave a file half-replaced. `python -m tests.crash_child MODE K ...`.
Mode `render-held` (K 0) renders at medium quality and, once scene segments are being encoded,
prints `encoding` and waits (for its parent to kill it): a render caught mid-way by an event.
"""

import json
import os
import shutil
import signal
import sys

MODE, K = sys.argv[1], int(sys.argv[2])
counter = {"n": 0}


def trap(name, real):
    def wrapper(*args, **kwargs):
        counter["n"] += 1
        if counter["n"] == K:
            sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    wrapper.__name__ = name
    return wrapper


os.replace = trap("replace", os.replace)
os.fsync = trap("fsync", os.fsync)
os.link = trap("link", os.link)
shutil.copyfile = trap("copyfile", shutil.copyfile)

from vidgen.service import Vidgen  # noqa: E402
from vidgen.store import recovery  # noqa: E402

svc = Vidgen()
if MODE == "edit":
    token = sys.argv[3]
    for i in range(int(sys.argv[4])):
        script = svc.get_script(token)["script"]
        script["title"] = f"edit {i}"
        version, _ = svc.edit(token, script)
        print(json.dumps({"ack": version, "title": script["title"]}), flush=True)
elif MODE == "render":
    # `keep-audio`: the narration kept, so the archive folder exists from the sound track on (a kill leaves one)
    svc.render(sys.argv[3], None, svc.render_options(quality="low", tts="mock",
                                                     keep_audio="keep-audio" in sys.argv[4:]))
elif MODE == "render-held":
    from pathlib import Path

    work = Path(svc.settings.data, "cache", "work")

    def hold(stage, fraction, message):
        if stage == "encode" and any(work.glob("*/seg-*.ts")):
            print("encoding", flush=True)
            sys.stdin.readline()  # until the parent kills this process

    svc.render(sys.argv[3], None, svc.render_options(quality="medium", tts="mock"), progress=hold)
elif MODE == "archive":
    svc.archive(0)
elif MODE == "repair":
    print(json.dumps({"repaired": recovery.repair(svc.store)}), flush=True)
elif MODE == "create":
    for i in range(int(sys.argv[3])):
        token = svc.store.create_script({"title": f"new {i}", "scenes": [{"seq": 1, "text": "Hello there."}]})
        print(json.dumps({"created": token}), flush=True)
print(json.dumps({"points": counter["n"]}), flush=True)
