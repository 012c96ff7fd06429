"""The cache entries a first run would make, made ahead to ship in the package's ``_prebuilt/``.

A new user's first command would otherwise parse and validate the whole
built-in catalogue and every profile (a third of a second) before doing what
was asked, and a first Word document would make its base document (a tenth).
The wheel's build runs ``make`` (see ``hatch_build.py``) and carries the
result, with the code key it was made under (``cachefiles.source_key``);
an editable install makes its own beside the checkout's modules, under the
key its files have then. The entries are the cache folder's own
(``cachefiles.read`` looks here for what that folder lacks), so nothing
reads them differently, and a stale one is only a miss.

    python -m motiongen.prebuilt FOLDER [--record-key]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from motiongen.io import cachefiles
from motiongen.paths import CACHE_ENV


def make(folder: Path, *, record_key: bool) -> list[str]:
    """Write the built-in catalogue's, profiles', view's and words' entries, the Word
    base documents and the packaged templates' compiled code into ``folder``;
    with ``record_key``, under the source's digest, recorded beside them. Their names."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    cachefiles.PREBUILT = folder  # nothing read from entries made before: all made anew
    if record_key:
        key = cachefiles.source_key()
        (folder / cachefiles.RECORDED_KEY).write_text(key.hex() + "\n", encoding="ascii")
        cachefiles.use_key(key)
    os.environ[CACHE_ENV] = str(folder)  # made exactly as a first run makes them
    from motiongen import catalogue, profiles, viewcache
    from motiongen.output import render, sentences

    catalogue.load(with_user_files=False)
    profiles.load(with_user_files=False)
    viewcache.builtin()
    sentences.load()
    templates = render.make_environment(None, render.packaged_code(write_to=folder))
    for name in templates.list_templates(filter_func=lambda n: n.endswith(".j2")):
        templates.get_template(name)  # compiled, and its code kept
    try:
        from motiongen.output import wordbase
    except ImportError:  # no python-docx in the build: a first Word file makes its own base
        pass
    else:
        # The Word base documents of a motion, a motion with line numbers, and a brief.
        for options in (
            wordbase.WordOptions(),
            wordbase.WordOptions(line_numbers=True),
            wordbase.WordOptions(large=True),
        ):
            wordbase.skeleton(options)
    for made in folder.iterdir():
        made.chmod(0o644)  # the cache's own files are the user's; these are everyone's
    return sorted(p.name for p in folder.iterdir())


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or argv[1:] not in ([], ["--record-key"]):
        print("usage: python -m motiongen.prebuilt FOLDER [--record-key]", file=sys.stderr)
        return 2
    names = make(Path(argv[0]), record_key=argv[1:] == ["--record-key"])
    print(f"made {len(names)} entries in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
