using System.Globalization;
using System.Text;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>Reads AMQP header values, which arrive as byte arrays (strings) or integers of various widths.</summary>
public static class AmqpHeaders
{
    /// <summary>The header as a string, or null when absent.</summary>
    public static string? GetString(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string s => s,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

    /// <summary>The header as an integer, or 0 when absent or not a number.</summary>
    public static long GetInt64(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            ushort us => us,
            uint ui => ui,
            byte[] bytes when long.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        } : 0;
}
