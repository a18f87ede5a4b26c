"""DistilBERT for sequence classification in plain PyTorch, with Hugging Face DistilBERT parameter names.

Matches transformers' DistilBertForSequenceClassification: post-LayerNorm blocks (eps 1e-12), erf GELU,
[CLS] pooling -> pre_classifier -> ReLU -> dropout -> classifier. An optional token-type table
(type_vocab_size > 0) makes the BERT-style test fixture, whose ONNX graph takes token_type_ids.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import List, Optional, Tuple

import torch
from torch import nn

LAYER_NORM_EPS = 1e-12


@dataclass
class DistilBertConfig:
    vocab_size: int = 30522
    dim: int = 384
    n_layers: int = 6
    n_heads: int = 12
    hidden_dim: int = 1536
    max_position_embeddings: int = 512
    dropout: float = 0.1
    attention_dropout: float = 0.1
    seq_classif_dropout: float = 0.1
    pad_token_id: int = 0
    type_vocab_size: int = 0  # 0 = DistilBERT (no token types); > 0 = BERT-style fixture
    pooling: str = "cls"  # "cls" as in DistilBertForSequenceClassification, or "mean" over real tokens
    post_head: bool = False  # a second classifier head for inputs of the post kind (same encoder)
    num_labels: int = 2
    labels: List[str] = field(default_factory=lambda: ["real", "fake"])

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_hf(cls, hf: dict, labels: Optional[List[str]] = None) -> "DistilBertConfig":
        """Reads a Hugging Face DistilBertConfig dict (config.json of a distilbert checkpoint)."""
        activation = hf.get("activation", "gelu")
        if activation != "gelu":
            raise ValueError(f"config.json: activation '{activation}' is not supported (only 'gelu')")
        if hf.get("sinusoidal_pos_embds", False):
            raise ValueError("config.json: sinusoidal_pos_embds=true is not supported")
        labels = labels or ["real", "fake"]
        return cls(vocab_size=hf["vocab_size"], dim=hf["dim"], n_layers=hf["n_layers"], n_heads=hf["n_heads"],
                   hidden_dim=hf["hidden_dim"], max_position_embeddings=hf.get("max_position_embeddings", 512),
                   dropout=hf.get("dropout", 0.1), attention_dropout=hf.get("attention_dropout", 0.1),
                   seq_classif_dropout=hf.get("seq_classif_dropout", 0.2), pad_token_id=hf.get("pad_token_id", 0),
                   pooling=hf.get("pooling", "cls"), post_head=bool(hf.get("post_head", False)),
                   num_labels=len(labels), labels=list(labels))


class Embeddings(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.dim, padding_idx=config.pad_token_id)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.dim)
        if config.type_vocab_size > 0:
            self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.dim)
        self.LayerNorm = nn.LayerNorm(config.dim, eps=LAYER_NORM_EPS)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, input_ids: torch.Tensor, token_type_ids: Optional[torch.Tensor] = None) -> torch.Tensor:
        seq_length = input_ids.size(1)
        position_ids = torch.arange(seq_length, dtype=torch.long, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(position_ids)
        if hasattr(self, "token_type_embeddings"):
            if token_type_ids is None:
                token_type_ids = torch.zeros_like(input_ids)
            x = x + self.token_type_embeddings(token_type_ids)
        return self.dropout(self.LayerNorm(x))


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        if config.dim % config.n_heads != 0:
            raise ValueError(f"dim {config.dim} is not a multiple of n_heads {config.n_heads}")
        self.n_heads = config.n_heads
        self.dim = config.dim
        self.q_lin = nn.Linear(config.dim, config.dim)
        self.k_lin = nn.Linear(config.dim, config.dim)
        self.v_lin = nn.Linear(config.dim, config.dim)
        self.out_lin = nn.Linear(config.dim, config.dim)
        self.dropout = nn.Dropout(config.attention_dropout)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bs, seq, _ = x.shape
        head = self.dim // self.n_heads

        def shape(t: torch.Tensor) -> torch.Tensor:
            return t.view(bs, seq, self.n_heads, head).transpose(1, 2)

        q = shape(self.q_lin(x)) / math.sqrt(head)
        k = shape(self.k_lin(x))
        v = shape(self.v_lin(x))
        scores = torch.matmul(q, k.transpose(2, 3))
        keep = (mask != 0).view(bs, 1, 1, seq)
        scores = scores.masked_fill(~keep, torch.finfo(scores.dtype).min)
        weights = self.dropout(torch.softmax(scores, dim=-1))
        context = torch.matmul(weights, v).transpose(1, 2).reshape(bs, seq, self.dim)
        return self.out_lin(context)


class FFN(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        self.lin1 = nn.Linear(config.dim, config.hidden_dim)
        self.lin2 = nn.Linear(config.hidden_dim, config.dim)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.lin2(nn.functional.gelu(self.lin1(x))))


class TransformerBlock(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        self.attention = MultiHeadSelfAttention(config)
        self.sa_layer_norm = nn.LayerNorm(config.dim, eps=LAYER_NORM_EPS)
        self.ffn = FFN(config)
        self.output_layer_norm = nn.LayerNorm(config.dim, eps=LAYER_NORM_EPS)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.sa_layer_norm(self.attention(x, mask) + x)
        return self.output_layer_norm(self.ffn(x) + x)


class Transformer(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList([TransformerBlock(config) for _ in range(config.n_layers)])

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for block in self.layer:
            x = block(x, mask)
        return x


class DistilBertModel(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.transformer = Transformer(config)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: Optional[torch.Tensor] = None) -> torch.Tensor:
        return self.transformer(self.embeddings(input_ids, token_type_ids), attention_mask)


class _ScaleGradient(torch.autograd.Function):
    """Identity forward; backward multiplies each row's gradient by its scale."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(scale)
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        (scale,) = ctx.saved_tensors
        return grad * scale.to(grad.dtype).view(-1, *([1] * (grad.dim() - 1))), None


def scale_gradient(x: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """`x` unchanged, but the gradient that flows back through row i is multiplied by scale[i]."""
    return _ScaleGradient.apply(x, scale)


class DistilBertForSequenceClassification(nn.Module):
    def __init__(self, config: DistilBertConfig) -> None:
        super().__init__()
        if config.pooling not in ("cls", "mean"):
            raise ValueError(f"pooling '{config.pooling}' is not supported (cls or mean)")
        self.config = config
        self.distilbert = DistilBertModel(config)
        self.pre_classifier = nn.Linear(config.dim, config.dim)
        self.classifier = nn.Linear(config.dim, config.num_labels)
        self.dropout = nn.Dropout(config.seq_classif_dropout)
        if config.post_head:
            self.post_pre_classifier = nn.Linear(config.dim, config.dim)
            self.post_classifier = nn.Linear(config.dim, config.num_labels)
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        # Hugging Face's DistilBERT initialisation: N(0, 0.02) weights, zero biases, unit LayerNorm.
        if isinstance(module, (nn.Linear, nn.Embedding)):
            module.weight.data.normal_(mean=0.0, std=0.02)
            if isinstance(module, nn.Linear) and module.bias is not None:
                module.bias.data.zero_()
            if isinstance(module, nn.Embedding) and module.padding_idx is not None:
                module.weight.data[module.padding_idx].zero_()
        elif isinstance(module, nn.LayerNorm):
            module.weight.data.fill_(1.0)
            module.bias.data.zero_()

    def heads(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
              token_type_ids: Optional[torch.Tensor] = None,
              encoder_grad: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
        """(main logits, post logits) per row; the second is None without a post head. With `encoder_grad` (one
        float per row), the gradient row i sends into the encoder is scaled by encoder_grad[i]; the heads learn
        from every row at full rate."""
        return self.classify(self.pool(input_ids, attention_mask, token_type_ids), encoder_grad)

    def pool(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
             token_type_ids: Optional[torch.Tensor] = None) -> torch.Tensor:
        """The encoder's pooled [batch, dim] representation that the heads read."""
        hidden = self.distilbert(input_ids, attention_mask, token_type_ids)
        if self.config.pooling == "mean":
            # Masked mean over the real tokens, the pooling all-MiniLM-L6-v2 was trained with.
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
        return hidden[:, 0]

    def classify(self, first: torch.Tensor,
                 encoder_grad: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
        """(main logits, post logits) from pooled rows, as `heads` returns them."""
        if encoder_grad is not None:
            first = scale_gradient(first, encoder_grad)
        logits = self.classifier(self.dropout(torch.relu(self.pre_classifier(first))))
        if not self.config.post_head:
            return logits, None
        return logits, self.post_classifier(self.dropout(torch.relu(self.post_pre_classifier(first))))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: Optional[torch.Tensor] = None, post: Optional[torch.Tensor] = None,
                encoder_grad: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Logits per row; with a post head, rows where the bool tensor `post` is true take the post head's.
        `encoder_grad` as in `heads`."""
        return self.route(self.heads(input_ids, attention_mask, token_type_ids, encoder_grad), post)

    @staticmethod
    def route(head_logits: Tuple[torch.Tensor, Optional[torch.Tensor]], post: Optional[torch.Tensor]) -> torch.Tensor:
        """Each row's logits from the head its `post` flag names (the main head without a post head or flags)."""
        logits, other = head_logits
        if post is None or other is None:
            return logits
        return torch.where(post.unsqueeze(-1), other, logits)
