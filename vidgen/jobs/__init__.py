"""Background jobs: render without waiting, watch progress, cancel, survive restarts.

- `service.JobService` is what the CLI and the server use: submit, get, list, follow,
  cancel, delete.
- `queue.JobQueue` is the seam: `StoreQueue` (jobs in the shared store, run by local
  `local.Runner`s) is the default; a broker-backed queue implements the same protocol.
- `execute` renders one job; local worker processes and remote workers both use it.
- A job whose process died while `running` becomes `failed` with error `interrupted`;
  `pending` jobs simply run.
"""

from vidgen.jobs.execute import video_result
from vidgen.jobs.local import Runner, StoreQueue
from vidgen.jobs.queue import FINAL, JobQueue
from vidgen.jobs.service import JobService, follow, public

__all__ = ["FINAL", "JobQueue", "JobService", "Runner", "StoreQueue", "follow", "public", "video_result"]
