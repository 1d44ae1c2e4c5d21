"""CI's dependency audit: pip-audit over requirements.lock, with an honest verdict.

pip-audit asks a vulnerability service (PyPI's JSON API by default) about every pinned package.
Where that service cannot be reached (CI without internet, a PyPI mirror without the JSON API),
pip-audit does not fail: it "skips" every package and prints "No known vulnerabilities found",
which would read as a pass. This wrapper tells the three outcomes apart:

- a vulnerability found: exit 1 (CI fails), listing package, version, advisory and fixed versions;
- the service unreachable (no package could be audited): exit 0 with a loud AUDIT NOT PERFORMED;
- audited: exit 0, naming any package that was skipped (e.g. not published on PyPI).

Usage: python scripts/pip_audit_ci.py [requirements.lock]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

UNREACHABLE_MARKERS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "timed out",
    "ConnectTimeout",
    "ReadTimeout",
    "SSLError",
    "ProxyError",
)


@dataclass
class Verdict:
    exit_code: int
    lines: list[str] = field(default_factory=list)


def _vulnerable(dependencies: list[dict]) -> list[str]:
    lines = []
    for dep in dependencies:
        for vuln in dep.get("vulns") or []:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
            lines.append(
                f"  {dep['name']} {dep.get('version', '?')}: {vuln.get('id')} (fixed in {fixed})"
            )
    return lines


def judge(report: dict | None, stderr: str, returncode: int) -> Verdict:
    """The verdict from pip-audit's JSON report (None when it wrote none) and its stderr."""
    if report is None:
        if any(marker in stderr for marker in UNREACHABLE_MARKERS):
            return Verdict(
                0, ["pip-audit: AUDIT NOT PERFORMED: the vulnerability service is unreachable."]
            )
        return Verdict(
            returncode or 1, ["pip-audit failed without a report:", stderr.strip()[-2000:]]
        )
    dependencies = report.get("dependencies", [])
    vulnerable = _vulnerable(dependencies)
    if vulnerable:
        return Verdict(1, ["pip-audit: known vulnerabilities in pinned dependencies:", *vulnerable])
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    if dependencies and audited == 0:
        reason = skipped[0]["skip_reason"]
        return Verdict(
            0,
            [
                "pip-audit: AUDIT NOT PERFORMED: the vulnerability service answered for none of "
                f"the {len(dependencies)} pinned packages (first reason: {reason}).",
                "Run `python scripts/pip_audit_ci.py` where PyPI's JSON API is reachable.",
            ],
        )
    lines = [f"pip-audit: {audited} packages audited, no known vulnerabilities."]
    lines += [f"  skipped {dep['name']}: {dep['skip_reason']}" for dep in skipped]
    return Verdict(0, lines)


def main(argv: list[str]) -> int:
    requirements = argv[1] if len(argv) > 1 else "requirements.lock"
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "audit.json"
        # Every line of the lock is pinned, so nothing needs resolving or installing.
        command = [
            sys.executable, "-m", "pip_audit", "--requirement", requirements, "--no-deps",
            "--disable-pip", "--format", "json", "--output", str(output),
            "--progress-spinner", "off", "--timeout", "20",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        report = (
            json.loads(output.read_text()) if output.is_file() and output.stat().st_size else None
        )
    verdict = judge(report, result.stderr, result.returncode)
    sys.stdout.write("\n".join(verdict.lines) + "\n")
    return verdict.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
