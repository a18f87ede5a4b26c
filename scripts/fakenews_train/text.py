"""The model-input rendering rule, shared with C# ClassificationRequest.ModelInput() and ArticleMetadata.Render()."""
from __future__ import annotations

from typing import Mapping, Optional

METADATA_FIELDS = ("speaker", "job", "party", "state", "subject", "context")


def _blank(value: Optional[str]) -> bool:
    return value is None or value.strip() == ""


def render_body(text: str, title: Optional[str] = None) -> str:
    """TITLE.strip() + "\\n\\n" + TEXT when a non-blank title is given, else TEXT unchanged."""
    if _blank(title):
        return text
    return title.strip() + "\n\n" + text


def render_metadata(body: str, metadata: Optional[Mapping[str, Optional[str]]]) -> str:
    """Prefixes "speaker: X | party: Y | claim: " for the non-blank fields, in METADATA_FIELDS order."""
    if not metadata:
        return body
    parts = [f"{name}: {metadata[name].strip()}" for name in METADATA_FIELDS
             if name in metadata and not _blank(metadata[name])]
    if not parts:
        return body
    return " | ".join(parts) + " | claim: " + body


def model_input(text: str, title: Optional[str] = None,
                metadata: Optional[Mapping[str, Optional[str]]] = None) -> str:
    """The exact string the tokenizer sees, identical to C# ClassificationRequest.ModelInput()."""
    return render_metadata(render_body(text, title), metadata)
