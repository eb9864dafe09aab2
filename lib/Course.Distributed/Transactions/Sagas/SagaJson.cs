using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// One JSON format for the wire (RabbitMQ bodies) and for the durable state (the simulator's disk): a message
/// is an object with a "$kind" discriminator. JSON rather than binary so a dead-lettered message can be read by
/// a human; decoding validates (an <see cref="OrderDetails"/> checks itself), so garbage fails here, loudly.
/// </summary>
public static class SagaJson
{
    private static readonly Type[] MessageTypes = [.. typeof(SagaMessage).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(SagaMessage)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeMessages } },
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Every message kind, by name (the routing keys).</summary>
    public static IReadOnlyList<Type> Kinds => MessageTypes;

    public static byte[] Encode(SagaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.SerializeToUtf8Bytes(message, Options);
    }

    /// <summary>Reads a message; anything that is not a valid one throws <see cref="InvalidDataException"/>.</summary>
    public static SagaMessage Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<SagaMessage>(bytes, Options) ?? throw new InvalidDataException("null is not a saga message");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a saga message: {e.Message}", e);
        }
    }

    internal static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    internal static T Deserialize<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");

    private static void DescribeMessages(JsonTypeInfo info)
    {
        if (info.Type == typeof(SagaMessage))
        {
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "$kind",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var type in MessageTypes) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        }
        if (info.Kind != JsonTypeInfoKind.Object || !info.Type.IsSubclassOf(typeof(SagaMessage)) || info.Type.IsAbstract) return;
        // Only what the constructor takes (plus the settable Id) is data; Kind, Label and a command's Action are derived.
        var parameters = info.Type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .MaxBy(c => c.GetParameters().Length)!.GetParameters()
            .Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Set is null && !parameters.Contains(info.Properties[i].Name))
                info.Properties.RemoveAt(i);
    }
}
