"""A small BERT (Hugging Face BertModel structure and names) used to test the ONNX -> DistilBERT conversion."""
import torch
from torch import nn


class _SelfAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = nn.Linear(dim, dim), nn.Linear(dim, dim), nn.Linear(dim, dim)

    def forward(self, x, additive_mask):
        b, s, d = x.shape
        h = d // self.heads

        def split(t):
            return t.view(b, s, self.heads, h).transpose(1, 2)

        scores = split(self.query(x)) @ split(self.key(x)).transpose(2, 3) / h ** 0.5 + additive_mask
        return (scores.softmax(-1) @ split(self.value(x))).transpose(1, 2).reshape(b, s, d)


class _Dense(nn.Module):
    def __init__(self, d_in, d_out, norm_dim=None):
        super().__init__()
        self.dense = nn.Linear(d_in, d_out)
        if norm_dim:
            self.LayerNorm = nn.LayerNorm(norm_dim, eps=1e-12)


class _Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.self = _SelfAttention(dim, heads)
        self.output = _Dense(dim, dim, dim)


class _Layer(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.attention = _Attention(dim, heads)
        self.intermediate = _Dense(dim, hidden)
        self.output = _Dense(hidden, dim, dim)

    def forward(self, x, additive_mask):
        a = self.attention.output.LayerNorm(self.attention.output.dense(self.attention.self(x, additive_mask)) + x)
        i = nn.functional.gelu(self.intermediate.dense(a))
        return self.output.LayerNorm(self.output.dense(i) + a)


class _Embeddings(nn.Module):
    def __init__(self, vocab, dim, positions):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, dim)
        self.position_embeddings = nn.Embedding(positions, dim)
        self.token_type_embeddings = nn.Embedding(2, dim)
        self.LayerNorm = nn.LayerNorm(dim, eps=1e-12)


class _Encoder(nn.Module):
    def __init__(self, dim, heads, hidden, layers):
        super().__init__()
        self.layer = nn.ModuleList([_Layer(dim, heads, hidden) for _ in range(layers)])


class TinyBert(nn.Module):
    def __init__(self, vocab=100, dim=32, heads=4, hidden=64, layers=2, positions=64):
        super().__init__()
        self.embeddings = _Embeddings(vocab, dim, positions)
        self.encoder = _Encoder(dim, heads, hidden, layers)
        with torch.no_grad():
            for p in self.parameters():
                p.normal_(0, 0.3)

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        e = self.embeddings
        x = e.LayerNorm(e.word_embeddings(input_ids) + e.token_type_embeddings(token_type_ids)
                        + e.position_embeddings(positions))
        additive = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.encoder.layer:
            x = layer(x, additive)
        return x


def export(model, path):
    ids = torch.ones((2, 6), dtype=torch.long)
    axes = {n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids")}
    axes["last_hidden_state"] = {0: "batch", 1: "sequence"}
    torch.onnx.export(model.eval(), (ids, ids, torch.zeros_like(ids)), path, opset_version=13,
                      input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["last_hidden_state"], dynamic_axes=axes)
