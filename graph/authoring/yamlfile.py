"""Read YAML authoring files keeping the line of every key and item, for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import yaml

from claimgraph.errors import Problem, ValidationError

__all__ = ["LinedList", "LinedMap", "read_yaml"]


class LinedMap(dict[str, Any]):
    """A YAML mapping that remembers the line (1-based) of itself and of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list[Any]):
    """A YAML sequence that remembers the line (1-based) of itself and of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    """A safe loader whose mappings and sequences carry line numbers and reject duplicate keys.

    Dates stay text (``2019-13-45`` would otherwise crash the YAML parser itself): the
    authoring reader checks them and says where a bad one is.
    """

    duplicate_keys: list[tuple[str, int]]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {  # type: ignore[misc]
        first: [(tag, pattern) for tag, pattern in resolvers
                if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LinedMap:
    loader.flatten_mapping(node)
    result = LinedMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        if key in result:
            loader.duplicate_keys.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path, *, display: str | None = None) -> LinedMap:
    """Parse ``path`` as YAML whose top level is a mapping.

    Raises :class:`ValidationError` for unreadable files, YAML syntax errors (with the line)
    and duplicate keys (every one of them).
    """
    name = display or str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError([Problem(name, None, "", "file not found")]) from None
    except UnicodeDecodeError as error:
        raise ValidationError([Problem(name, None, "", f"not UTF-8 text ({error.reason} at "
                                       f"byte {error.start})")]) from None
    except OSError as error:
        raise ValidationError([Problem(name, None, "", f"cannot read: {error.strerror}")]) from None
    try:
        loader = _Loader(raw)  # the reader refuses control characters here
    except yaml.reader.ReaderError as error:
        line = raw.count("\n", 0, error.position) + 1
        message = f"not YAML text: character U+{error.character:04X} is not allowed in YAML"
        raise ValidationError([Problem(name, line, "", message)]) from None
    loader.duplicate_keys = []
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        mark_line = mark.line + 1 if mark else None
        message = f"malformed YAML: {error.problem or error.context}"
        raise ValidationError([Problem(name, mark_line, "", message)]) from None
    except yaml.YAMLError as error:
        raise ValidationError([Problem(name, None, "", f"malformed YAML: {error}")]) from None
    except RecursionError:
        raise ValidationError([Problem(name, None, "", "malformed YAML: nested too deeply "
                                                       "to read")]) from None
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise ValidationError(
            Problem(name, line, key, "duplicate key: the later value would silently win")
            for key, line in loader.duplicate_keys
        )
    if not isinstance(document, LinedMap):
        raise ValidationError([Problem(name, 1, "", "expected a mapping at the top of the file")])
    return document
