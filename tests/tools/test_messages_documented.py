#!/usr/bin/env python3
"""Every message id PlexVM can issue is documented in docs/messages.md, and every id
documented there still exists in the code.

The ids in the code are the literal ones (PLX + component + 3 or 4 digits + severity)
in arch/ kernel/ drivers/ ssi/ lgr/, plus those built at run time from a format such
as "PLXVMM%03dE": each such format must have an expansion below (vm_logon's return
codes, read from kernel/vm/vm.c; the numbers of a `cond ? 1 : 2` operand). A message
counts as documented when a heading of docs/messages.md names it (`### PLXVMM045E`).

    python3 tests/tools/test_messages_documented.py      (or: make test-tools)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE_DIRS = ("arch", "kernel", "drivers", "ssi", "lgr")
DOC = os.path.join("docs", "messages.md")

MSGID = re.compile(r"PLX[A-Z]{3}[0-9]{3,4}[IWES]")
RUNTIME = re.compile(r"PLX([A-Z]{3})%0?(\d*)d([IWES])")
HEADING = re.compile(r"^#{1,6}\s+(PLX[A-Z]{3}[0-9]{3,4}[IWES])\s*$")


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as f:
        return f.read()


def source_files():
    for top in SOURCE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames.sort()
            for name in sorted(filenames):
                yield os.path.relpath(os.path.join(dirpath, name), ROOT)


def vm_logon_codes():
    """The message numbers vm_logon returns (`return -NNN;` in its body), which
    kernel/vm/cmd_vm.c turns into PLXVMMnnnE."""
    text = read("kernel/vm/vm.c")
    start = re.search(r"^int vm_logon\(", text, re.M)
    if not start:
        raise SystemExit("test_messages_documented: vm_logon not found in kernel/vm/vm.c")
    end = text.find("\n}\n", start.end())
    body = text[start.end():end]
    codes = sorted({int(n) for n in re.findall(r"return\s+-(\d+)\s*;", body)})
    if not codes:
        raise SystemExit("test_messages_documented: no `return -NNN;` in vm_logon")
    return codes


def statement_at(text, pos):
    """The rest of the C statement that holds pos (up to the next ';')."""
    end = text.find(";", pos)
    return text[pos:end if end >= 0 else len(text)]


def expand_runtime(path, text, m):
    """The ids a run-time format can produce; None when the test does not know how."""
    comp, width, sev = m.group(1), m.group(2) or "0", m.group(3)

    def ids(numbers):
        return {"PLX%s%0*d%s" % (comp, int(width), n, sev) for n in numbers}

    if path == os.path.join("kernel", "vm", "cmd_vm.c") and comp == "VMM":
        return ids(n % 1000 for n in vm_logon_codes())  # cmd_vm.c: -rc % 1000
    # A number chosen in the call itself: `cond ? 1 : 2`.
    choice = re.search(r"\?\s*(\d+)\s*:\s*(\d+)", statement_at(text, m.end()))
    if choice:
        return ids(int(n) for n in choice.groups())
    return None


def code_ids():
    found, unknown = {}, []
    for path in source_files():
        text = read(path)
        for m in MSGID.finditer(text):
            found.setdefault(m.group(0), path)
        for m in RUNTIME.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            expanded = expand_runtime(path, text, m)
            if expanded is None:
                unknown.append("%s:%d: %s" % (path, line, m.group(0)))
                continue
            for msgid in expanded:
                found.setdefault(msgid, path)
    return found, unknown


def doc_ids():
    headings, mentioned = [], set()
    for line in read(DOC).splitlines():
        h = HEADING.match(line)
        if h:
            headings.append(h.group(1))
        mentioned.update(MSGID.findall(line))
    return headings, mentioned


def main():
    code, unknown = code_ids()
    headings, mentioned = doc_ids()
    documented = set(headings)
    failures = []
    if unknown:
        failures.append("message ids built at run time that this test cannot expand "
                        "(teach expand_runtime() about them):\n  " + "\n  ".join(unknown))
    missing = sorted(set(code) - documented)
    if missing:
        failures.append("not documented in %s (add a `### ID` entry):\n  " % DOC +
                        "\n  ".join("%s  (%s)" % (i, code[i]) for i in missing))
    stale = sorted(mentioned - set(code))
    if stale:
        failures.append("in %s but issued nowhere in %s:\n  " % (DOC, " ".join(SOURCE_DIRS)) +
                        "\n  ".join(stale))
    twice = sorted({i for i in headings if headings.count(i) > 1})
    if twice:
        failures.append("documented more than once in %s:\n  " % DOC + "\n  ".join(twice))
    if failures:
        print("FAIL test_messages_documented: " + "\n".join(failures), file=sys.stderr)
        return 1
    print("ok test_messages_documented: %d message ids, all documented in %s" % (len(code), DOC))
    return 0


if __name__ == "__main__":
    sys.exit(main())
