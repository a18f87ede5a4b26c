using System.Text;

namespace FakeNews.Inference.Tests.Graph;

/// <summary>
/// The nodes of an ONNX file's main graph, read straight from its protobuf encoding (ModelProto.graph = field 7,
/// GraphProto.node = field 1, NodeProto.op_type = field 4, NodeProto.domain = field 7), so tests can inspect the
/// optimized graph ONNX Runtime writes without an ONNX library.
/// </summary>
internal static class OnnxNodes
{
    public static IReadOnlyList<(string OpType, string Domain)> Read(string path)
    {
        var model = File.ReadAllBytes(path);
        var graph = Fields(model).Single(f => f.Number == 7);
        return Fields(graph.Bytes)
            .Where(f => f.Number == 1)
            .Select(node =>
            {
                var fields = Fields(node.Bytes).ToList();
                return (Text(fields, 4), Text(fields, 7));
            })
            .ToList();
    }

    private static string Text(List<(int Number, ReadOnlyMemory<byte> Bytes)> fields, int number)
    {
        var field = fields.FirstOrDefault(f => f.Number == number);
        return field.Number == number ? Encoding.UTF8.GetString(field.Bytes.Span) : "";
    }

    /// <summary>The length-delimited fields of one message; varint and fixed-width fields are skipped.</summary>
    private static IEnumerable<(int Number, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    Varint(message.Span, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return (number, message.Slice(position, length));
                    position += length;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {key & 7} at byte {position}.");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
