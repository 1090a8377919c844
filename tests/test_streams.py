"""Pipes, signals, streams and output files, with real processes where it matters.

- a reader that goes away (`| head -1`) ends the run quietly with exit 0;
- Ctrl-C ends it with exit 130 and no traceback, whatever it was waiting for (a FIFO, a
  prompt here; a pipe, stdin and a file being written in test_reliability_signals.py);
- `batch` writes exactly one line per input line, whatever the line holds;
- output files are never written over without --force, never half-written, and a missing
  or read-only directory is reported in one line.
"""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutealtp.output import files
from glutealtp.output.files import OutputError, write_atomic

from .helpers import (
    DATA_FILE,
    GLUTEALTP,
    PtySession,
    process_env,
    run_glutealtp,
    run_main,
    wait_blocked,
)

# --- Broken pipes -----------------------------------------------------------------------------

CLOSED_PIPE_COMMANDS = [
    ["which", "-r", "buttock", "-r", "hip"],
    ["which", "-r", "hip", "-f", "json", "--data", str(DATA_FILE)],
    ["which", "-r", "hip", "--explain", "-f", "csv"],
    ["show", "QL"],
    ["regions", "-f", "jsonl"],
    ["which", "--help"],
    ["schema", "output"],
    ["map", "piriformis", "-o", "-"],
]


@pytest.mark.parametrize("argv", CLOSED_PIPE_COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_a_closed_pipe_ends_quietly_with_success(argv: list[str]) -> None:
    """The reader is gone before the first byte is written: every write fails with EPIPE."""
    proc = subprocess.Popen(
        [*GLUTEALTP, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=process_env()
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert err == b""


ASK_ANSWERS = "printf 'buttock\\n' && yes n | head -30"
HEAD_PIPELINES = [
    "{glutealtp} which -r buttock -r hip | head -1",
    "{glutealtp} which -r hip --data {data} -f jsonl | head -1",
    "{glutealtp} which -r hip --map | head -1",
    "{glutealtp} show QL | head -1",
    "{glutealtp} show QL --map | head -1",
    "{glutealtp} map piriformis | head -1",
    "{glutealtp} map piriformis -o - | head -1",
    f"({ASK_ANSWERS}) | GLUTEALTP_INTERACTIVE=1 {{glutealtp}} ask | head -1",
    "yes n | head -30 | GLUTEALTP_INTERACTIVE=1 {glutealtp} check -r buttock | head -1",
    "{glutealtp} regions | head -1",
    "{glutealtp} muscles -f csv | head -1",
    "{glutealtp} symptoms -f jsonl | head -1",
    "{glutealtp} schema output | head -1",
    "{glutealtp} data validate {data} | head -1",
    "{glutealtp} --help | head -1",
    "{glutealtp} help which | head -1",
    'yes \'{{"regions": ["hip"]}}\' | head -50000 | {glutealtp} batch | head -1',
    'yes \'{{"regions": ["hip"]}}\' | head -50000 | {glutealtp} batch - -f csv | head -1',
]
"""Every command, the rich-drawn ones included (`--map`, `map`, `ask`: D19)."""


def test_head_one_covers_every_command() -> None:
    from .strategies.command_lines import COMMANDS

    leaves = {" ".join(path) for path, command in COMMANDS if not hasattr(command, "commands")}
    covered = {p.split("{glutealtp} ", 1)[1].split(" -")[0].split(" |")[0] for p in HEAD_PIPELINES}
    missing = {leaf for leaf in leaves if not any(c.startswith(leaf) for c in covered)}
    assert leaves and not missing, missing


@pytest.mark.parametrize("pipeline", HEAD_PIPELINES)
def test_head_one(pipeline: str) -> None:
    """The README: `| head -1` ends quietly with exit 0 for every command."""
    command = pipeline.format(glutealtp=" ".join(GLUTEALTP), data=DATA_FILE)
    proc = subprocess.run(
        ["bash", "-c", command + '; echo "status ${PIPESTATUS[*]}" >&2'],
        capture_output=True,
        text=True,
        env=process_env(),
        timeout=120,
        check=False,
    )
    assert len(proc.stdout.splitlines()) == 1
    status = proc.stderr.splitlines()[-1].split()[1:]
    glutealtp_status = status[-2]
    assert glutealtp_status == "0", proc.stderr
    assert proc.stderr.splitlines()[:-1] == [], proc.stderr


FULL_DISK_COMMANDS = [
    ["which", "-r", "buttock", "-r", "hip"],
    ["which", "-r", "hip", "-f", "json", "--data", str(DATA_FILE)],
    ["regions", "-f", "csv"],
    ["map", "piriformis", "-o", "-"],
    ["schema", "output"],
    ["batch", "-"],
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("argv", FULL_DISK_COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_a_full_disk_on_stdout_is_one_line(argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*GLUTEALTP, *argv],
            input=b'{"regions": ["hip"]}\n' * 3,
            stdout=full,
            stderr=subprocess.PIPE,
            env=process_env(),
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr == b"glutealtp: error: input or output failed: No space left on device\n"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="no /proc here")
def test_an_input_that_fails_mid_read_is_one_line() -> None:
    """Reading /proc/self/mem from its start fails with EIO after the file opened fine."""
    proc = run_glutealtp("batch", "/proc/self/mem", text=False)
    assert proc.returncode == 2
    assert proc.stderr == b"glutealtp: error: input or output failed: Input/output error\n"


# --- Ctrl-C -------------------------------------------------------------------------------------


def test_ctrl_c_while_loading_a_dataset_from_a_fifo(tmp_path: Path) -> None:
    """Opening a FIFO blocks until a writer comes: the typer path, blocked in the kernel."""
    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [*GLUTEALTP, "which", "-r", "hip", "--data", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(),
    )
    wait_blocked(proc.pid, "wait_for_partner")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and out == b""


@pytest.mark.parametrize("how", ["signal", "keyboard"])
def test_ctrl_c_at_an_ask_prompt(how: str) -> None:
    """`ask` on a real terminal (a pty), waiting for an answer: Ctrl-C gives 130, no traceback."""
    with PtySession("ask", controlling=True) as session:
        session.read_until(b"Where does it hurt?")
        if how == "signal":
            session.interrupt()
        else:
            session.write(b"\x03")  # the terminal's own Ctrl-C
        code = session.wait()
    assert code == 130, session.seen[-500:]
    assert b"Traceback" not in session.seen and b"KeyboardInterrupt" not in session.seen


# --- Batch: N lines in, N lines out ---------------------------------------------------------

GOOD = [b'{"regions": ["hip"]}', b'{"id": 7, "regions": ["buttock"], "symptoms": ["sitting"]}']
LINES = {
    "good": st.sampled_from(GOOD),
    "empty": st.just(b""),
    "blank": st.sampled_from([b"   ", b"\t", b"\r"]),
    "invalid-json": st.sampled_from([b"{", b"{regions: hip}", b"'x'", b"nul", b'{"a": 1} 2']),
    "not-an-object": st.sampled_from([b"[]", b"1", b'"hip"', b"null", b"true"]),
    "wrong-type": st.sampled_from([b'{"regions": "hip"}', b'{"regions": [1]}', b'{"id": []}']),
    "unknown": st.sampled_from([b'{"regions": ["elbow"]}', b'{"symptoms": ["itching"]}']),
    "empty-query": st.sampled_from([b"{}", b'{"regions": []}']),
    "not-utf8": st.sampled_from([b'{"regions": ["\xff"]}', b"\xfe\xff", b'{"id": "\xc3("}']),
    "surrogate": st.sampled_from([b'{"regions": ["\\ud800"]}', b'{"id": "\\udcff"}']),
    "control": st.sampled_from([b'{"regions": ["\x1b[2J"]}', b"\x00", b'{"id": "\x1b]0;x\x07"}']),
    "huge-but-ok": st.just(b'{"regions": ["hip"], "id": "' + b"x" * 50_000 + b'"}'),
}


def line_mix() -> st.SearchStrategy[list[bytes]]:
    return st.lists(st.one_of(*LINES.values()), min_size=1, max_size=25)


def batch_records(stdin: bytes, *extra: str) -> tuple[int | str | None, list[dict[str, Any]]]:
    run = run_main(["batch", "-", *extra], stdin=stdin)
    assert run.crash is None, run.crash
    assert run.stderr.startswith("glutealtp: ") and run.stderr.count("\n") == 1, run.stderr
    return run.code, [json.loads(line) for line in run.stdout.split("\n")[:-1]]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(line_mix(), st.sampled_from([b"\n", b"\r\n"]), st.booleans())
def test_batch_n_lines_in_n_records_out(lines: list[bytes], eol: bytes, last_eol: bool) -> None:
    stdin = eol.join(lines) + (eol if last_eol else b"")
    code, records = batch_records(stdin)
    expected = len(lines)
    if not last_eol and lines[-1] == b"":
        expected -= 1  # "a\n" then nothing: the empty tail after the last newline is no line
    assert [r["line"] for r in records] == list(range(1, expected + 1))
    for line, record in zip(lines, records, strict=False):
        assert (record["status"] == "ok") == (
            line in GOOD or line.startswith(b'{"regions": ["hip"], "id"')
        )
    assert code == (0 if all(r["status"] == "ok" for r in records) else 2)


def test_batch_keeps_count_past_a_line_over_one_megabyte() -> None:
    long_line = b'{"regions": ["hip"], "id": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    lines = [GOOD[0], long_line, b"", b"{", long_line[:-2], GOOD[1]]
    code, records = batch_records(b"\n".join(lines) + b"\n")
    assert code == 2
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert [r["status"] for r in records] == ["ok", "error", "error", "error", "error", "ok"]
    assert "x" * 100 not in json.dumps(records[1])  # the long line is not echoed back


def test_batch_csv_is_one_row_per_line() -> None:
    lines = [GOOD[0], b"", b"{", b'{"regions": ["elbow"]}', GOOD[1]]
    run = run_main(["batch", "-", "-f", "csv"], stdin=b"\n".join(lines) + b"\n")
    body = [line for line in run.stdout.splitlines() if not line.startswith("#")]
    assert len(body) == 1 + len(lines)  # the header, then a row per line


def test_batch_real_process_n_in_n_out(tmp_path: Path) -> None:
    lines = [GOOD[0], b"", b"{", b"\xff", b'{"regions": ["elbow"]}', b"x" * (1_100_000), GOOD[1]]
    source = tmp_path / "cases.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    for argv, stdin in ((["batch", str(source)], None), (["batch", "-"], source.read_bytes())):
        proc = run_glutealtp(*argv, input=stdin, text=False)
        assert proc.returncode == 2
        out = proc.stdout.decode().splitlines()
        assert [json.loads(line)["line"] for line in out] == list(range(1, len(lines) + 1))
        assert b"Traceback" not in proc.stderr


# --- Output files -------------------------------------------------------------------------------


def test_cli_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    for argv in (["map", "piriformis", "-o"], ["which", "-r", "hip", "--svg"]):
        target = tmp_path / "out.svg"
        target.write_text("mine")
        run = run_main([*argv, str(target)])
        assert run.code == 2
        assert (
            run.stderr == f"glutealtp: error: {target}: already exists (use --force to overwrite)\n"
        )
        assert target.read_text() == "mine"
        run = run_main([*argv, str(target), "--force"])
        assert run.code == 0, run
        assert target.read_text().startswith("<?xml")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.svg"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("missing-dir/out.svg", "directory missing-dir does not exist"),
        ("/sys/out.svg", "directory /sys is not writable"),
        ("x" * 300 + ".svg", "File name too long"),
        (".", ".: is a directory"),
    ],
)
def test_cli_reports_unwritable_places_in_one_line(
    path: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if path.startswith("/sys") and not Path("/sys").is_dir():
        pytest.skip("no /sys here")
    monkeypatch.chdir(tmp_path)
    run = run_main(["map", "piriformis", "-o", path])
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith("glutealtp: error: ") and run.stderr.count("\n") == 1
    assert message in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_system_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root writes through chmod; a read-only mount answers EROFS, simulated at the OS edge."""

    real_open = os.open

    def read_only(path: str, *args: Any, **kwargs: Any) -> Any:
        if ".glutealtp-" in str(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    run = run_main(["map", "piriformis", "-o", str(tmp_path / "x.svg")])
    assert run.code == 2
    assert (
        run.stderr
        == f"glutealtp: error: {tmp_path / 'x.svg'}: directory {tmp_path} is not writable\n"
    )


class DiskFull(io.BufferedWriter):
    """A file that takes half of what it is given, then the disk is full."""

    def write(self, data: Any) -> int:
        super().write(bytes(data)[: len(data) // 2])
        super().flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb":
            return DiskFull(io.FileIO(fd, "wb"))
        return real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr("glutealtp.output.files.os.fdopen", fdopen)


@pytest.mark.usefixtures("disk_full")
def test_a_failure_mid_write_leaves_no_new_file(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "<svg>" + "x" * 100_000 + "</svg>")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("disk_full")
def test_a_failure_mid_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    target.write_text("the old map")
    run = run_main(["map", "piriformis", "-o", str(target), "--force"])
    assert run.code == 2
    assert run.stderr == f"glutealtp: error: {target}: No space left on device\n"
    assert target.read_text() == "the old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


@pytest.mark.parametrize("step", ["fsync", "replace", "link"])
def test_a_failure_at_any_step_cleans_up(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(f"glutealtp.output.files.os.{step}", fail)
    target = tmp_path / "out.csv"
    with pytest.raises(OutputError, match="Input/output error"):
        write_atomic(target, "a,b\n", force=step == "replace")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The existence check and the rename are two steps; another writer may come between."""
    target = tmp_path / "out.svg"
    real_create = files._create_temporary

    def racing(directory: Path) -> tuple[int, str]:
        target.write_text("theirs")
        return real_create(directory)

    monkeypatch.setattr(files, "_create_temporary", racing)
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(target, "mine")
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


def test_without_hard_links_the_rename_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: Any) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr("glutealtp.output.files.os.link", no_links)
    target = write_atomic(tmp_path / "out.svg", "<svg/>")
    assert target.read_text() == "<svg/>"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_d12_written_files_get_the_mode_the_umask_gives(
    tmp_path: Path, umask: int, mode: int
) -> None:
    """D12: picture files were always 0644, so `umask 077` still left handouts world-readable."""
    old = os.umask(umask)
    try:
        written = write_atomic(tmp_path / "a.svg", "x")
        replaced = write_atomic(tmp_path / "a.svg", "y", force=True)
    finally:
        os.umask(old)
    assert written == replaced and (replaced.stat().st_mode & 0o777) == mode


def test_d12_a_picture_under_umask_077_is_private(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            "sh",
            "-c",
            'umask 077 && exec "$@"',
            "sh",
            *GLUTEALTP,
            "map",
            "piriformis",
            "-o",
            "m.svg",
        ],
        cwd=tmp_path,
        env=process_env(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert ((tmp_path / "m.svg").stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("length", [240, 250, 255])
def test_d13_a_name_of_up_to_255_bytes_is_written(tmp_path: Path, length: int) -> None:
    """D13: the temporary name was about 14 bytes longer than the target's, so a valid name
    of 242-255 bytes could not be written."""
    name = "a" * (length - 4) + ".svg"
    run = run_main(["map", "piriformis", "-o", str(tmp_path / name)])
    assert (run.code, run.stderr) == (0, f"Saved: {tmp_path / name}\n")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_bytes().startswith(b"<?xml")
    with pytest.raises(OutputError, match="too long"):
        write_atomic(tmp_path / ("b" * 256), "x")


@pytest.mark.parametrize("bad", ["a\x00b.svg", "x" * 5000])
def test_impossible_names_are_an_output_error(bad: str, tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_atomic(tmp_path / bad, "x")
