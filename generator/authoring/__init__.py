"""Commands that write OKR files for their authors: `okr new`, `okr checkin`, `okr grade`.

Each builds the new text of one file (`yamledit` splices it in, so nothing else changes),
then `change.apply` checks the whole folder as if it were written, refuses a change that
adds an error, prints the diff and writes the file in one step.
"""
