"""Text that may differ by language, and images with their alt text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalText:
    """A piece of text and the language it is really in (which may be a fallback)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Translatable:
    """A (T) field: the same text in every language, or one text per language tag."""

    values: tuple[tuple[str, str], ...]  # (language, text); language "" = every language

    @classmethod
    def same(cls, text: str) -> Translatable:
        return cls((("", text),))

    def has(self, lang: str) -> bool:
        """True when the editor wrote this field for `lang` (or once for every language)."""
        return any(key in ("", lang) for key, _ in self.values)

    def text_in(self, lang: str, default_lang: str) -> LocalText:
        """The text for `lang`, else the default language's, marked with the language it is in."""
        by_lang = dict(self.values)
        if "" in by_lang:
            return LocalText(by_lang[""], lang)
        if lang in by_lang:
            return LocalText(by_lang[lang], lang)
        if default_lang in by_lang:
            return LocalText(by_lang[default_lang], default_lang)
        first_lang, first_text = self.values[0]
        return LocalText(first_text, first_lang)


@dataclass(frozen=True)
class Image:
    path: str  # relative to content/media/
    alt: LocalText  # empty text when decorative
    is_decorative: bool = False
