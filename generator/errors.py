"""The small exception hierarchy. Anything a user wrote becomes a Problem, not one of these;
these are for the run itself (bad command line, bad configuration)."""


class OkrError(Exception):
    """Base class of the errors that stop a command with exit code 2."""


class UsageError(OkrError):
    """The command line asks for something impossible (missing path, bad date)."""


class ConfigError(OkrError):
    """The checker's configuration file is wrong. The message starts with 'invalid config:'."""
