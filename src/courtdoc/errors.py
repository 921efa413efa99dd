"""Exit codes and the exceptions that map onto them (after OCRmyPDF's `ExitCode`).

An `InputError` is about one input: the batch reports it in one line naming
the file and goes on with the others. Anything else is a bug or an
environment problem and stops the run.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    ok = 0  # every input was processed
    other_error = 1  # an unexpected error stopped the run
    bad_args = 2  # usage error: unknown option, bad value (same code as click)
    input_failed = 3  # some inputs were refused or failed; the others were processed
    no_input = 4  # nothing to process: no file matched the arguments
    output_error = 5  # the --out folder cannot be created or written
    ctrl_c = 130  # interrupted; finished documents are complete, nothing half-written


class InputError(Exception):
    """One input cannot be processed. `str()` is the one-line reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason

    def line(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self) -> tuple[type[InputError], tuple[Path, str]]:
        # Workers send these back pickled; the default would call __init__(reason) only.
        return (type(self), (self.path, self.reason))


class UnsupportedInput(InputError):
    """The file type is not one courtdoc reads."""


class EmptyInput(InputError):
    """A zero-byte file, a PDF with no pages, a folder without inputs."""


class UnreadableInput(InputError):
    """Permission denied, a dangling symlink, an I/O error."""


class CorruptInput(InputError):
    """Truncated or damaged PDF, an image that does not decode, binary 'text'."""


class EncryptedPdf(InputError):
    """A PDF that needs a password we were not given (or a wrong one)."""


class ImageTooLarge(InputError):
    """An image whose pixel count exceeds the cap (a decompression bomb, say)."""


class OcrUnavailable(Exception):
    """The OCR models cannot be found or loaded: an environment problem, not an input one."""
