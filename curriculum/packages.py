"""Course packages: a curriculum version as a folder (or zip) of Markdown files and a manifest.

    <slug>/manifest.yaml            the curriculum, its modules, lessons, assessments, questions,
                                    choices, explanations and reflection prompts
    <slug>/lessons/m01-l01.md       a lesson's body (Markdown)
    <slug>/lessons/m01-l02.vtt      a video lesson's captions (WebVTT)
    <slug>/lessons/m01-l02.transcript.txt

The format is documented in docs/course-packages.md. `package_read` reads a folder or a zip into
files, `package_parse` validates them into the canonical content dict of `curriculum.content`
(or raises `PackageInvalid` listing every problem as `file:line: message`), and
`package_files` writes a content dict back. A package written by `package_files` reads back to
the same dict, and that dict writes the same bytes: export and import round-trip byte for byte.
A JSON manifest (`manifest.json`) is read as well (JSON is YAML); export writes YAML.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

import yaml
from django.conf import settings

from curriculum.content import FORMAT, PRE_TEST_ITEMS

MANIFESTS = ("manifest.yaml", "manifest.yml", "manifest.json")
# The demo curricula of `manage.py seed_demo`, one package folder each.
DEMO_PACKAGES = Path(__file__).resolve().parent / "packages"
MAX_PACKAGE_BYTES = 20 * 1024 * 1024
MAX_FILES = 2000
SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class PackageInvalid(Exception):
    """A package that cannot be imported; `problems` says where and why, each on its line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# Reading files ------------------------------------------------------------------------------


def _safe_name(name: str) -> str | None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    if any(part.startswith(".") or part == "__MACOSX" for part in path.parts):
        return None  # hidden files, editors' and archivers' litter
    return str(path)


def _strip_top_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A zip of a folder holds `<folder>/manifest.yaml`: read it as if it were at the top."""
    if any(name in files for name in MANIFESTS):
        return files
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        return {name.split("/", 1)[1]: data for name, data in files.items()}
    return files


def _check_size(files: dict[str, bytes]) -> None:
    if len(files) > MAX_FILES or sum(len(d) for d in files.values()) > MAX_PACKAGE_BYTES:
        raise PackageInvalid(
            [Problem("package", None, f"too large: at most {MAX_FILES} files and 20 MB")]
        )


def package_read_zip(data: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise PackageInvalid([Problem("package", None, "not a zip file")]) from error
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_PACKAGE_BYTES:
        _check_size({str(n): b"" for n in range(MAX_FILES + 1)})
    files = {}
    for info in infos:
        name = _safe_name(info.filename)
        if name is not None:
            files[name] = archive.read(info)
    return _strip_top_folder(files)


def package_read(path: str | Path) -> dict[str, bytes]:
    """The files of a package folder or zip, by their path inside the package."""
    path = Path(path)
    if path.is_file():
        return package_read_zip(path.read_bytes())
    if not path.is_dir():
        raise PackageInvalid([Problem(str(path), None, "no such folder or zip file")])
    files = {}
    for file in sorted(path.rglob("*")):
        name = _safe_name(file.relative_to(path).as_posix())
        if file.is_file() and name is not None:
            files[name] = file.read_bytes()
    _check_size(files)
    return _strip_top_folder(files)


# Parsing the manifest with line numbers -------------------------------------------------------


def _compose(text: str, filename: str):
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise PackageInvalid(
            [Problem(filename, line, f"not valid YAML: {error.problem}")]
        ) from None
    except yaml.YAMLError as error:
        raise PackageInvalid([Problem(filename, None, f"not valid YAML: {error}")]) from None


class _Located:
    """A manifest's values with the line each one starts on, addressed by path."""

    def __init__(self, filename: str):
        self.filename = filename
        self.lines: dict[tuple, int] = {}
        self.problems: list[Problem] = []
        self._loader = yaml.SafeLoader("")

    def value(self, node, path: tuple = ()):
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key = self._loader.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    self.problem(path, f"a key must be a word, not {key!r}", key_node)
                    continue
                if key in result:
                    self.problem(path, f"`{key}` is given twice", key_node)
                result[key] = self.value(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._loader.construct_object(node, deep=True)

    def line(self, path: tuple) -> int | None:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def problem(self, path: tuple, message: str, node=None) -> None:
        line = node.start_mark.line + 1 if node is not None else self.line(path)
        self.problems.append(Problem(self.filename, line, message))


def _label(path: tuple) -> str:
    """("modules", 0, "lessons", 1, "minutes") -> "module 1, lesson 2, minutes"."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1].removesuffix('s')} {part + 1}"
        else:
            parts.append(str(part))
    return ", ".join(parts)


class _Schema:
    """Checks a manifest's values against the format and builds the canonical content."""

    def __init__(self, located: _Located, files: dict[str, bytes]):
        self.at = located
        self.files = files
        self.used: set[str] = set()

    def fail(self, path: tuple, message: str) -> None:
        label = _label(path)
        self.at.problem(path, f"{label}: {message}" if label else message)

    def mapping(self, value, path: tuple, required: set[str], optional: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, "must be a mapping of `key: value` lines")
            return None
        for key in sorted(set(value) - required - optional):
            known = ", ".join(sorted(required | optional))
            self.fail((*path, key), f"unknown key `{key}` (known: {known})")
        for key in sorted(required - set(value)):
            self.fail(path, f"`{key}` is missing")
        return value

    def text(self, data: dict, key: str, path: tuple, *, max_length=None, default="") -> str:
        value = data.get(key, default)
        if value is None:
            value = default
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail((*path, key), "must be text")
            return default
        if max_length and len(value) > max_length:
            self.fail((*path, key), f"at most {max_length} characters (has {len(value)})")
        return value

    def required_text(self, data: dict, key: str, path: tuple, *, max_length=None) -> str:
        value = self.text(data, key, path, max_length=max_length)
        if key in data and not value.strip():
            self.fail((*path, key), "must not be empty")
        return value

    def number(self, data: dict, key: str, path: tuple, *, low: int, high: int, default=None):
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail((*path, key), f"must be a whole number from {low} to {high}")
            return default if default is not None else low
        return value

    def flag(self, data: dict, key: str, path: tuple) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.fail((*path, key), "must be true or false")
            return False
        return value

    def choice(self, data: dict, key: str, path: tuple, options) -> str:
        value = data.get(key, "")
        if value not in options:
            self.fail((*path, key), f"must be one of: {', '.join(options)}")
        return value

    def file_text(self, data: dict, key: str, path: tuple) -> str:
        name = data.get(key)
        if name is None:
            return ""
        if not isinstance(name, str) or _safe_name(name) is None:
            self.fail((*path, key), "must be the path of a file inside the package")
            return ""
        if name not in self.files:
            self.fail((*path, key), f"{name}: no such file in the package")
            return ""
        self.used.add(name)
        try:
            return self.files[name].decode("utf-8")
        except UnicodeDecodeError:
            self.fail((*path, key), f"{name}: not UTF-8 text")
            return ""

    def items(self, value, path: tuple, *, minimum: int = 0) -> list:
        if value is None:
            value = []
        if not isinstance(value, list):
            self.fail(path, "must be a list of `- ` items")
            return []
        if len(value) < minimum:
            self.fail(path, f"needs at least {minimum}")
        return value


def _choices(schema: _Schema, value, path: tuple) -> list[dict]:
    result = []
    for i, item in enumerate(schema.items(value, path, minimum=2)):
        where = (*path, i)
        data = (
            schema.mapping(item, where, {"text"}, {"correct"}) if isinstance(item, dict) else None
        )
        if data is None:
            if not isinstance(item, dict):
                schema.fail(where, "must be a mapping with `text` (and `correct: true`)")
            continue
        text = schema.required_text(data, "text", where, max_length=500)
        result.append({"text": text, "correct": schema.flag(data, "correct", where)})
    return result


QUESTION_KINDS = ("single", "multiple", "true_false")


def _question(schema: _Schema, value, path: tuple) -> dict | None:
    data = schema.mapping(value, path, {"text", "kind", "choices"}, {"explanation"})
    if data is None:
        return None
    question = {
        "text": schema.required_text(data, "text", path),
        "kind": schema.choice(data, "kind", path, QUESTION_KINDS),
        "explanation": schema.text(data, "explanation", path),
        "choices": _choices(schema, data.get("choices"), (*path, "choices")),
    }
    right = sum(c["correct"] for c in question["choices"])
    if question["kind"] in {"single", "true_false"} and right != 1:
        schema.fail(
            (*path, "choices"),
            f"a {question['kind']} question needs exactly one correct choice (has {right})",
        )
    elif question["kind"] == "multiple" and right < 1:
        schema.fail((*path, "choices"), "needs at least one correct choice")
    if question["kind"] == "true_false" and len(question["choices"]) != 2:
        schema.fail((*path, "choices"), "a true_false question has exactly two choices")
    return question


def _assessment(schema: _Schema, value, path: tuple, *, may_reuse: bool) -> dict | None:
    if value is None:
        return None
    data = schema.mapping(value, path, {"title", "pass_mark", "questions"}, {"max_attempts"})
    if data is None:
        return None
    questions = data.get("questions")
    if may_reuse and questions == PRE_TEST_ITEMS:
        parsed: list | str = PRE_TEST_ITEMS
    else:
        parsed = [
            q
            for i, item in enumerate(schema.items(questions, (*path, "questions"), minimum=1))
            if (q := _question(schema, item, (*path, "questions", i))) is not None
        ]
    return {
        "title": schema.required_text(data, "title", path, max_length=200),
        "pass_mark": schema.number(data, "pass_mark", path, low=0, high=100, default=70),
        "max_attempts": schema.number(data, "max_attempts", path, low=0, high=100, default=3),
        "questions": parsed,
    }


LESSON_KINDS = ("text", "video", "reading")


def _lesson(schema: _Schema, value, path: tuple) -> dict | None:
    optional = {"body", "captions", "transcript", "source", "video"}
    data = schema.mapping(value, path, {"title", "kind", "minutes"}, optional)
    if data is None:
        return None
    lesson = {
        "title": schema.required_text(data, "title", path, max_length=200),
        "kind": schema.choice(data, "kind", path, LESSON_KINDS),
        "minutes": schema.number(data, "minutes", path, low=1, high=600, default=10),
        "body": schema.file_text(data, "body", path),
        "captions": schema.file_text(data, "captions", path),
        "transcript": schema.file_text(data, "transcript", path),
        "source": schema.text(data, "source", path, max_length=300),
        "video": schema.text(data, "video", path, max_length=100),
    }
    if lesson["kind"] == "video" and not lesson["transcript"].strip():
        schema.fail(path, "a video lesson needs a transcript")
    if not (lesson["body"] or lesson["transcript"]).strip():
        schema.fail(path, "needs a body (or a transcript)")
    return lesson


def _module(schema: _Schema, value, path: tuple) -> dict | None:
    optional = {"summary", "knowledge_check", "reflections"}
    data = schema.mapping(value, path, {"title", "lessons"}, optional)
    if data is None:
        return None
    lessons = schema.items(data.get("lessons"), (*path, "lessons"), minimum=1)
    reflections = schema.items(data.get("reflections"), (*path, "reflections"))
    prompts = []
    for i, prompt in enumerate(reflections):
        if not isinstance(prompt, str) or not prompt.strip():
            schema.fail((*path, "reflections", i), "must be the text of a prompt")
        else:
            prompts.append(prompt)
    return {
        "title": schema.required_text(data, "title", path, max_length=200),
        "summary": schema.text(data, "summary", path),
        "lessons": [
            x
            for i, item in enumerate(lessons)
            if (x := _lesson(schema, item, (*path, "lessons", i)))
        ],
        "knowledge_check": _assessment(
            schema, data.get("knowledge_check"), (*path, "knowledge_check"), may_reuse=False
        ),
        "reflections": prompts,
    }


TOP_REQUIRED = {"format", "slug", "title", "language", "thematic_area", "modules"}
TOP_OPTIONAL = {"translation_group", "paced", "summary", "credit_hours", "pre_test", "post_test"}


def _credit_hours(schema: _Schema, data: dict) -> str | None:
    value = data.get("credit_hours")
    if value is None:
        return None
    try:
        hours = Decimal(str(value))
    except InvalidOperation:
        hours = Decimal(0)
    if isinstance(value, bool) or not Decimal("0.1") <= hours <= Decimal("999.9"):
        schema.fail(("credit_hours",), "must be a number of hours from 0.1 to 999.9, or left out")
        return None
    return str(hours.quantize(Decimal("0.1")))


def _content(schema: _Schema, raw) -> dict:
    data = schema.mapping(raw, (), TOP_REQUIRED, TOP_OPTIONAL) or {}
    if data.get("format") != FORMAT:
        schema.fail(("format",), f"must be `{FORMAT}`")
    slug = schema.text(data, "slug", ())
    if "slug" in data and not SLUG.match(slug):
        schema.fail(("slug",), "lower-case letters, digits, - and _ only")
    group = schema.text(data, "translation_group", ())
    if group and not SLUG.match(group):
        schema.fail(("translation_group",), "lower-case letters, digits, - and _ only")
    languages = [code for code, _name in settings.LANGUAGES]
    modules = schema.items(data.get("modules"), ("modules",), minimum=1)
    pre_test = _assessment(schema, data.get("pre_test"), ("pre_test",), may_reuse=False)
    post_test = _assessment(schema, data.get("post_test"), ("post_test",), may_reuse=True)
    if post_test and post_test["questions"] == PRE_TEST_ITEMS and pre_test is None:
        schema.fail(
            ("post_test", "questions"), "asks the pre-test's items, but there is no pre_test"
        )
    return {
        "format": FORMAT,
        "slug": slug,
        "title": schema.required_text(data, "title", (), max_length=200),
        "language": schema.choice(data, "language", (), languages),
        "translation_group": group,
        "thematic_area": schema.required_text(data, "thematic_area", (), max_length=100),
        "paced": schema.flag(data, "paced", ()),
        "summary": schema.text(data, "summary", ()),
        "credit_hours": _credit_hours(schema, data),
        "pre_test": pre_test,
        "post_test": post_test,
        "modules": [
            m for i, item in enumerate(modules) if (m := _module(schema, item, ("modules", i)))
        ],
    }


def package_parse(files: dict[str, bytes]) -> dict:
    """Validate a package's files into the canonical content dict, or raise PackageInvalid."""
    name = next((n for n in MANIFESTS if n in files), None)
    if name is None:
        raise PackageInvalid(
            [Problem("package", None, "no manifest.yaml (or manifest.json) at its top")]
        )
    try:
        text = files[name].decode("utf-8")
    except UnicodeDecodeError:
        raise PackageInvalid([Problem(name, None, "not UTF-8 text")]) from None
    node = _compose(text, name)
    if node is None:
        raise PackageInvalid([Problem(name, 1, "the manifest is empty")])
    located = _Located(name)
    raw = located.value(node)
    schema = _Schema(located, files)
    content = _content(schema, raw)
    for extra in sorted(set(files) - schema.used - {name}):
        located.problems.append(Problem(extra, None, "not referenced by the manifest"))
    if located.problems:
        # In reading order: the manifest line by line, then the files it does not mention.
        raise PackageInvalid(
            sorted(located.problems, key=lambda p: (p.file != name, p.line or 0, p.file))
        )
    return content


# Writing ----------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        # Items of a list are indented under their key, as people write YAML by hand.
        return super().increase_indent(flow, False)


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _assessment_manifest(data: dict | None) -> dict | None:
    if data is None:
        return None
    questions = data["questions"]
    if questions != PRE_TEST_ITEMS:
        questions = [
            {
                "text": q["text"],
                "kind": q["kind"],
                **({"explanation": q["explanation"]} if q["explanation"] else {}),
                "choices": [
                    {"text": c["text"], **({"correct": True} if c["correct"] else {})}
                    for c in q["choices"]
                ],
            }
            for q in questions
        ]
    return {
        "title": data["title"],
        "pass_mark": data["pass_mark"],
        "max_attempts": data["max_attempts"],
        "questions": questions,
    }


def _lesson_manifest(lesson: dict, stem: str, files: dict[str, bytes]) -> dict:
    entry = {"title": lesson["title"], "kind": lesson["kind"], "minutes": lesson["minutes"]}
    for key, suffix in (("body", ".md"), ("captions", ".vtt"), ("transcript", ".transcript.txt")):
        if lesson[key]:
            name = f"lessons/{stem}{suffix}"
            files[name] = lesson[key].encode("utf-8")
            entry[key] = name
    for key in ("source", "video"):
        if lesson[key]:
            entry[key] = lesson[key]
    return entry


def _module_manifest(number: int, module: dict, files: dict[str, bytes]) -> dict:
    entry: dict = {"title": module["title"]}
    if module["summary"]:
        entry["summary"] = module["summary"]
    entry["lessons"] = [
        _lesson_manifest(lesson, f"m{number:02d}-l{i:02d}", files)
        for i, lesson in enumerate(module["lessons"], start=1)
    ]
    if module["knowledge_check"] is not None:
        entry["knowledge_check"] = _assessment_manifest(module["knowledge_check"])
    if module["reflections"]:
        entry["reflections"] = list(module["reflections"])
    return entry


def package_files(content: dict) -> dict[str, bytes]:
    """A content dict as the files of a package (manifest.yaml first, then lessons/...)."""
    files: dict[str, bytes] = {}
    manifest: dict = {
        key: content[key]
        for key in ("format", "slug", "title", "language", "translation_group", "thematic_area")
        if content[key] != ""
    }
    if content["paced"]:
        manifest["paced"] = True
    if content["summary"]:
        manifest["summary"] = content["summary"]
    if content["credit_hours"] is not None:
        manifest["credit_hours"] = float(content["credit_hours"])
    for key in ("pre_test", "post_test"):
        if content[key] is not None:
            manifest[key] = _assessment_manifest(content[key])
    manifest["modules"] = [
        _module_manifest(n, module, files) for n, module in enumerate(content["modules"], start=1)
    ]
    text = yaml.dump(
        manifest, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return {"manifest.yaml": text.encode("utf-8"), **dict(sorted(files.items()))}


def package_zip(files: dict[str, bytes], *, folder: str) -> bytes:
    """The files as a zip under `folder/`, the same bytes for the same files (fixed dates)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def package_write_dir(files: dict[str, bytes], path: str | Path) -> None:
    path = Path(path)
    for name, data in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
