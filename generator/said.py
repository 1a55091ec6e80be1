"""Messages the tool can say in a reader's language: what the checker found and what
changed in the OKRs. Each is English text that remembers the template and values it was made
from; the site translates the template through a gettext catalog
(`generator/locale/<language>/LC_MESSAGES/reports.po`, extracted with Babel from every
`say(...)`: generator/messages.py) and fills it with the same values."""

from __future__ import annotations

# a value is what was found (shown as it is) or a message of its own (said in each language)
Values = tuple[tuple[str, str], ...]


class Message(str):
    """English text with the template (a gettext msgid) and values it was made from. The
    values are what was found (user data): they fill a template, never become one."""

    template: str
    values: Values

    def __new__(cls, template: str, values: Values) -> Message:
        self = super().__new__(cls, template.format_map(dict(values)))
        self.template = template
        self.values = values
        return self

    def __reduce__(self) -> tuple[type[Message], tuple[str, Values]]:
        # documents are read in worker processes: a message crosses back pickled, whole
        return (Message, (self.template, self.values))


def say(template: str, /, **values: object) -> Message:
    """A message from its English template (`{name}` placeholders) and the values of its
    placeholders; `pybabel extract -k say` finds every template."""
    return Message(
        template, tuple((k, v if isinstance(v, Message) else str(v)) for k, v in values.items())
    )
