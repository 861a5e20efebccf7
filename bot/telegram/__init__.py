"""python-telegram-bot plumbing: the hardened Bot client, the timed HTTP request, the per-user
update processor and the update kinds. No feature lives here; handlers do."""
