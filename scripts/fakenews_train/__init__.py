"""Training, conversion and export of the FakeNews.Onnx classifier (plain PyTorch, no transformers)."""
