import json
import multiprocessing
import os

import pytest

from vidgen.errors import NotFound, StoreError
from vidgen.store import recovery
from vidgen.store.db import Store

SCRIPT = {"title": "T", "scenes": [{"seq": 1, "text": "Hello there."}]}


def test_versions_are_kept_and_read_back(tmp_path):
    store = Store(tmp_path)
    token = store.create_script(SCRIPT, topic="t")
    v2 = store.add_version(token, {**SCRIPT, "title": "T2"}, "edited")
    assert v2 == 2
    assert store.get_version(token, 1)["script"]["title"] == "T"
    assert store.get_version(token)["script"]["title"] == "T2"
    assert [v["version"] for v in store.versions(token)] == [1, 2]
    assert store.script_entry(token)["versions"] == 2
    with pytest.raises(NotFound):
        store.get_version(token, 3)
    with pytest.raises(NotFound):
        store.get_version("ffffffffff")
    with pytest.raises(NotFound):
        store.get_version("../../etc")


def _edit_many(root, token, worker, count):
    store = Store(root)
    for i in range(count):
        store.update_script(token, lambda s, i=i: {**s, "scenes": s["scenes"] + [
            {"seq": len(s["scenes"]) + 1, "text": f"w{worker} i{i}"}]}, f"w{worker}")


@pytest.mark.slow  # two processes
def test_two_processes_editing_at_once_lose_nothing(tmp_path):
    store = Store(tmp_path)
    token = store.create_script(SCRIPT)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_edit_many, args=(tmp_path, token, w, 40)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    latest = store.get_version(token)
    assert latest["version"] == 81
    texts = {s["text"] for s in latest["script"]["scenes"]}
    assert {f"w{w} i{i}" for w in (1, 2) for i in range(40)} <= texts
    assert len(store.versions(token)) == 81


def test_damaged_file_is_reported_and_repaired_from_the_last_good_copy(tmp_path):
    store = Store(tmp_path)
    token = store.create_script(SCRIPT)
    store.add_version(token, {**SCRIPT, "title": "second"})
    index = tmp_path / "index.json"
    index.write_text(index.read_text()[:20])  # truncated
    with pytest.raises(StoreError) as err:
        store.list_scripts()
    assert "damaged" in str(err.value) and "vidgen doctor --repair" in str(err.value)
    assert recovery.check(store)
    done = recovery.repair(store)
    assert any("restored" in line for line in done)
    assert list(tmp_path.glob("index.json.damaged-*"))
    assert store.script_entry(token)["token"] == token
    assert store.get_version(token, 1)["script"] == SCRIPT
    assert not recovery.check(store)


def test_writes_leave_no_temp_files(tmp_path):
    store = Store(tmp_path)
    for _ in range(5):
        store.create_script(SCRIPT)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    json.loads((tmp_path / "index.json").read_text())


def test_claim_is_atomic_and_first_come_first_served(tmp_path):
    store = Store(tmp_path)
    for i in range(3):
        store.insert_job({"job_id": f"j{i}", "status": "pending", "created_at": i})
    first = store.claim_job("w1")
    second = store.claim_job("w2")
    assert (first["job_id"], second["job_id"]) == ("j0", "j1")
    assert store.get_job("j0")["status"] == "running"
    assert store.claim_job("w3")["job_id"] == "j2"
    assert store.claim_job("w4") is None


def test_unwritable_store_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        ro = tmp_path / "file-not-dir"
        ro.write_text("x")
        with pytest.raises(StoreError) as err:
            Store(ro / "sub")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(StoreError) as err:
            Store(ro / "sub")
    assert "VIDGEN_HOME" in str(err.value)


def test_changing_what_a_read_returned_changes_nothing_stored(tmp_path):
    store = Store(tmp_path)
    token = store.create_script(SCRIPT)
    doc = store.get_version(token)
    doc["script"]["title"] = "changed in memory only"
    assert store.get_version(token)["script"]["title"] == "T"
    version, _ = store.update_script(token, lambda s: {**s, "title": "changed"}, "edit")
    assert version == 2
