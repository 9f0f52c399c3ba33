"""What every integration test module uses: registration, checks, response helpers."""

TESTS = []  # (machine, function) in registration order, which is the order they run in


def test(machine):
    """Register a test for "qemu" or "hercules"."""
    def deco(fn):
        TESTS.append((machine, fn))
        return fn
    return deco


class Failure(AssertionError):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def line_matching(resp, prefix):
    return [l for l in resp.lines if l.startswith(prefix)]

