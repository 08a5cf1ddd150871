"""The domain error every service raises: a code for programs, a translated message for people."""


class DomainError(Exception):
    def __init__(self, code: str, message, *, field: str | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
