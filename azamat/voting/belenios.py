"""The Belenios protocol through its command-line tool, `belenios-tool` (Debian's package): we invent no
cryptography. Each function runs the tool in a fresh temporary directory (or in the election's archive
directory) and returns what it printed or wrote; a failure raises `BeleniosError` with the tool's own words.

Secrets pass through pipes, never through files: a voter's private credential and choices, a trustee's
private key are written to a pipe the tool reads as `/dev/fd/N` (as a shell's `<(…)` does), so they never rest
on the server's disk and appear in no command line a process list would show.

The archive `<uuid>.bel` is Belenios' append-only event log (setup, ballots, end of voting, encrypted tally,
partial decryptions, result): whoever holds it can check the whole election with
`belenios-tool election verify --dir <directory>`. An event is appended only once it has been checked, so that a
bad input never breaks the log: `add_event` itself checks nothing, so a ballot is one `ballot` made and whose
credential is on the roll (the services check it), and a partial decryption is tried on a copy of the archive.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

TOOL = "belenios-tool"
GROUP = "BELENIOS-2048"  # for homomorphic questions only (choose one, up to k of n)
RANKED_GROUP = "RFC-3526-2048"  # with the embedding that non-homomorphic (ranked) questions need
ENV = {**os.environ, "BELENIOS_USE_URANDOM": "1"}


class BeleniosError(Exception):
    """The tool refused: `detail` is what it said (for the log, never shown as a user's message)."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def available() -> bool:
    return shutil.which(TOOL) is not None


@contextmanager
def _secrets(*values: str):
    """Paths `/dev/fd/N` from which the tool reads each value once; nothing is written to disk."""
    fds, writers = [], []
    try:
        for value in values:
            read_end, write_end = os.pipe()
            fds.append(read_end)
            data = (value if value.endswith("\n") else value + "\n").encode()
            writer = threading.Thread(target=_write_and_close, args=(write_end, data), daemon=True)
            writer.start()
            writers.append(writer)
        yield fds, [f"/dev/fd/{fd}" for fd in fds]
    finally:
        for fd in fds:
            os.close(fd)
        for writer in writers:
            writer.join(timeout=5)


def _write_and_close(fd: int, data: bytes) -> None:
    try:
        os.write(fd, data)
    except OSError:
        pass
    finally:
        os.close(fd)


def run(args: list[str], *, cwd: str | Path, stdin: str | bytes | None = None, pass_fds=()) -> str:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(  # noqa: S603 — our own tool and arguments, no shell
        [TOOL, *args],
        cwd=cwd,
        input=data if data is not None else b"",
        capture_output=True,
        env=ENV,
        pass_fds=tuple(pass_fds),
        timeout=3600,
    )
    if result.returncode != 0:
        raise BeleniosError(result.stderr.decode(errors="replace").strip() or f"exit {result.returncode}")
    return result.stdout.decode()


def new_uuid() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return run(["setup", "generate-token"], cwd=tmp).strip()


# — trustees: threshold key generation (Pedersen), six steps —


def trustee_certificate(*, group: str = GROUP) -> tuple[str, str]:
    """Step 1, for one trustee: (the public certificate, the private key). The key is returned to be handed to
    the trustee and forgotten; the certificate is kept."""
    with tempfile.TemporaryDirectory() as tmp:
        run(["setup", "generate-trustee-key-threshold", "--group", group, "--step", "1"], cwd=tmp)
        cert = next(Path(tmp).glob("*.cert")).read_text().strip()
        key = next(Path(tmp).glob("*.key")).read_text().strip()
    return cert, key


def check_certificates(certs: Iterable[str], *, group: str = GROUP) -> None:
    """Step 2: the certificates are valid (each one's signature)."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "certs.jsons").write_text(_lines(certs))
        run(
            [
                "setup",
                "generate-trustee-key-threshold",
                "--group",
                group,
                "--certs",
                "certs.jsons",
                "--step",
                "2",
            ],
            cwd=tmp,
        )


def trustee_polynomial(certs: Iterable[str], key: str, threshold: int, *, group: str = GROUP) -> str:
    """Step 3, for one trustee with her private key: her polynomial (public, encrypted for the others)."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "certs.jsons").write_text(_lines(certs))
        with _secrets(key) as (fds, paths):
            out = run(
                ["setup", "generate-trustee-key-threshold", "--group", group, "--certs", "certs.jsons"]
                + ["--key", paths[0], "--step", "3", "--threshold", str(threshold)],
                cwd=tmp,
                pass_fds=fds,
            )
    return out.strip()


def verification_inputs(certs: list[str], polynomials: list[str], *, group: str = GROUP) -> list[str]:
    """Step 4: each trustee's input for step 5, in the order of the certificates."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "certs.jsons").write_text(_lines(certs))
        Path(tmp, "polynomials.jsons").write_text(_lines(polynomials))
        run(
            ["setup", "generate-trustee-key-threshold", "--group", group, "--certs", "certs.jsons"]
            + ["--step", "4", "--polynomials", "polynomials.jsons"],
            cwd=tmp,
        )
        by_name = {path.stem: path.read_text().strip() for path in Path(tmp).glob("*.vinput")}
    return [by_name[certificate_id(cert)] for cert in certs]


def certificate_id(cert: str) -> str:
    """The name the tool gives a certificate's files: the SHA-256 of its signed message, in hex."""
    return hashlib.sha256(json.loads(cert)["message"].encode()).hexdigest()


def trustee_verification(certs: list[str], key: str, vinput: str, *, group: str = GROUP) -> tuple[str, str]:
    """Step 5, for one trustee with her private key: (her verification output, her decryption key). The
    decryption key is her share encrypted under her own key: safe to keep on the server, useless without her key."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "certs.jsons").write_text(_lines(certs))
        with _secrets(key) as (fds, paths):
            out = run(
                ["setup", "generate-trustee-key-threshold", "--group", group, "--certs", "certs.jsons"]
                + ["--key", paths[0], "--step", "5"],
                cwd=tmp,
                stdin=vinput + "\n",
                pass_fds=fds,
            )
    out = out.strip()
    try:
        return out, json.loads(out)["private_key"]
    except (ValueError, KeyError) as error:
        raise BeleniosError(f"unexpected verification output: {error}") from error


def trustees_parameters(
    certs: list[str], polynomials: list[str], voutputs: list[str], *, group: str = GROUP
) -> str:
    """Step 6 and `make-trustees`: the election's `trustees.json` (public)."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "certs.jsons").write_text(_lines(certs))
        Path(tmp, "polynomials.jsons").write_text(_lines(polynomials))
        threshold = run(
            ["setup", "generate-trustee-key-threshold", "--group", group, "--certs", "certs.jsons"]
            + ["--step", "6", "--polynomials", "polynomials.jsons"],
            cwd=tmp,
            stdin=_lines(voutputs),
        )
        Path(tmp, "threshold.json").write_text(threshold)
        Path(tmp, "public_keys.jsons").write_text("")
        run(["setup", "make-trustees"], cwd=tmp)
        return Path(tmp, "trustees.json").read_text().strip()


# — credentials and the election's parameters —


def credentials(uuid: str, identities: list[str], *, group: str = GROUP) -> tuple[dict[str, str], str]:
    """({identity: private credential}, public_creds.json). The private credentials go to their voters and are
    not kept."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "voters.txt").write_text(_lines(identities))
        run(
            ["setup", "generate-credentials", "--uuid", uuid, "--group", group, "--file", "voters.txt"],
            cwd=tmp,
        )
        private = {}
        for line in next(Path(tmp).glob("*.privcreds")).read_text().splitlines():
            identity, credential = line.rsplit(" ", 1)
            private[identity] = credential
        public = next(Path(tmp).glob("*.pubcreds")).read_text().strip()
    return private, public


def make_election(uuid: str, template: dict, trustees_json: str, *, group: str = GROUP) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "template.json").write_text(json.dumps(template, ensure_ascii=False))
        Path(tmp, "trustees.json").write_text(trustees_json)
        run(
            ["setup", "make-election", "--uuid", uuid, "--group", group, "--template", "template.json"],
            cwd=tmp,
        )
        return Path(tmp, "election.json").read_text().strip()


# — the archive —


def archive_path(directory: Path, uuid: str) -> Path:
    return Path(directory) / f"{uuid}.bel"


def archive_init(directory: Path, election_json: str, trustees_json: str, public_creds: str) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("election.json", election_json),
        ("trustees.json", trustees_json),
        ("public_creds.json", public_creds),
    ):
        (directory / name).write_text(text)
    try:
        run(["archive", "init"], cwd=directory)
    finally:
        for name in ("election.json", "trustees.json", "public_creds.json"):
            (directory / name).unlink(missing_ok=True)
    return directory


def ballot(directory: Path, credential: str, choices: list[list[int]]) -> str:
    """An encrypted ballot for `choices` (per question, 0/1 per answer, the blank choice first where allowed),
    signed with the voter's private credential. Choices and credential go through pipes."""
    with _secrets(credential.strip(), json.dumps(choices)) as (fds, paths):
        out = run(
            ["election", "generate-ballot", "--dir", ".", "--privcred", paths[0], "--ballot", paths[1]],
            cwd=directory,
            pass_fds=fds,
        )
    return out.strip()


def add_event(directory: Path, kind: str, payload: str | None) -> None:
    if payload is not None and not payload.strip():
        raise BeleniosError(f"empty {kind}")
    run(["archive", "add-event", "--dir", ".", f"--type={kind}"], cwd=directory, stdin=payload or "")


def ballot_summary(directory: Path) -> list[str]:
    """The trackers (hashes) of every ballot in the box, replaced ones included (only a credential's last ballot
    is counted)."""
    out = run(["election", "compute-ballot-summary", "--dir", "."], cwd=directory)
    return [row["hash"] for row in json.loads(out or "[]")]


def end_voting(directory: Path) -> None:
    """No more ballots: `EndBallots`, then the encrypted tally (the product of the last ballots)."""
    add_event(directory, "EndBallots", None)
    tally = run(["election", "compute-encrypted-tally", "--dir", "."], cwd=directory)
    add_event(directory, "EncryptedTally", tally)


def partial_decryption(directory: Path, key: str, decryption_key: str, trustee_id: int) -> str:
    """A trustee's partial decryption of the encrypted tally, with her key (through a pipe) and her encrypted
    share; checked on a copy of the archive before it is appended."""
    with _secrets(key, decryption_key) as (fds, paths):
        out = run(
            ["election", "decrypt-threshold", "--dir", ".", "--key", paths[0], "--decryption-key", paths[1]]
            + ["--trustee-id", str(trustee_id)],
            cwd=directory,
            pass_fds=fds,
        ).strip()
    with tempfile.TemporaryDirectory() as tmp:
        for bel in Path(directory).glob("*.bel"):
            shutil.copy(bel, tmp)
        add_event(Path(tmp), "PartialDecryption", out)
        # `verify` skips partial decryptions until a result exists: computing one on the copy is the check (a
        # share under another trustee's number, or a number out of range, would block the tally for good).
        try:
            run(["election", "compute-result", "--dir", "."], cwd=tmp)
        except BeleniosError as error:
            if "not enough partial decryptions" not in error.detail:
                raise
    return out


def shuffle(directory: Path, trustee_id: int, own: str = "") -> str:
    """A trustee's shuffle of the ranked questions' ciphertexts (a verifiable mixnet): made here, or `own`, made
    by the trustee with `belenios-tool election shuffle` on her computer. Either is appended to a copy of the
    archive and checked by `verify` (its proofs) before it is returned to be appended."""
    out = (
        own.strip()
        or run(["election", "shuffle", "--dir", ".", "--trustee-id", str(trustee_id)], cwd=directory).strip()
    )
    with tempfile.TemporaryDirectory() as tmp:
        for bel in Path(directory).glob("*.bel"):
            shutil.copy(bel, tmp)
        add_event(Path(tmp), "Shuffle", out)
        verify(Path(tmp))
    return out


def end_shuffles(directory: Path) -> None:
    add_event(directory, "EndShuffles", None)


def stv(ballots: list[list[int]], seats: int) -> dict:
    """The Single Transferable Vote count of a ranked question's decrypted ballots (each: per candidate its rank,
    0 unranked) by the tool's own method: {"winners": [candidate index…], "events": […], "invalid": […]}."""
    with tempfile.TemporaryDirectory() as tmp:
        out = run(["method", "stv", "--nseats", str(seats)], cwd=tmp, stdin=json.dumps(ballots))
    return json.loads(out)


def result(directory: Path) -> list[list[int]]:
    """Combine the partial decryptions, append the result and return it (per question, per answer)."""
    out = run(["election", "compute-result", "--dir", "."], cwd=directory)
    add_event(directory, "Result", out)
    return json.loads(out)["result"]


def verify(directory: Path) -> str:
    """Every check the tool can make of the archive; raises BeleniosError with its words when one fails."""
    result = subprocess.run(  # noqa: S603 — our own tool and arguments, no shell
        [TOOL, "election", "verify", "--dir", "."], cwd=directory, capture_output=True, env=ENV, timeout=1800
    )
    output = (result.stdout + result.stderr).decode(errors="replace").strip()
    if result.returncode != 0:
        raise BeleniosError(output or f"exit {result.returncode}")
    return output


def credential_of(ballot_json: str) -> str:
    """The public credential a ballot is signed with (to match it against the roll's public credentials)."""
    return str(json.loads(ballot_json)["credential"])


def public_credentials(public_creds: str) -> set[str]:
    return {str(value).split(",")[0] for value in json.loads(public_creds)}


def credential_identities(public_creds: str) -> dict[str, str]:
    """{public credential: the identity it was generated for} (each line is "credential,weight,identity")."""
    identities = {}
    for value in json.loads(public_creds):
        credential, _weight, identity = (str(value).split(",", 2) + ["", ""])[:3]
        identities[credential] = identity
    return identities


def _lines(values: Iterable[str]) -> str:
    return "".join(value.strip() + "\n" for value in values)
