using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// Lets each reader count once per article and kind of event in a window, so that trending measures readers, not
/// requests. A reader is the anonymous id the widget keeps on the embedding site, else the client's address; and one
/// address counts for at most <c>readersPerAddress</c> readers of an article in a window, so inventing ids does not
/// make one client many readers. Nothing is kept raw: ids and addresses are held as keyed hashes whose key lives
/// only in this process's memory, and only for the current window.
/// </summary>
public sealed class ReaderGate(TimeProvider clock, TimeSpan window, int readersPerAddress, int capacity = ReaderGate.DefaultCapacity)
{
    /// <summary>Readers remembered per window (64-bit keys: tens of megabytes at most); past it, no one new counts until the window ends.</summary>
    public const int DefaultCapacity = 1_000_000;

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly System.Threading.Lock _gate = new();
    private long _window = long.MinValue;
    private HashSet<ulong> _counted = [];
    private Dictionary<ulong, int> _readersOfAddress = [];

    /// <summary>Ids the widget makes: 8 to 64 URL-safe characters. Anything else is treated as no id.</summary>
    public static bool IsReaderId(string? id) =>
        id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>True when this event is the first of its kind from this reader on this article in the window.</summary>
    public bool Admit(string? readerId, IPAddress? address, string articleId, string type)
    {
        var client = "a\0" + address;
        var reader = IsReaderId(readerId) ? "r\0" + readerId : client;
        var counted = Keyed($"{reader}\0{articleId}\0{type}");
        var addressOnArticle = Keyed($"{client}\0{articleId}\0{type}");
        lock (_gate)
        {
            StartWindowIfDue();
            if (_counted.Contains(counted) || _counted.Count >= capacity) return false;
            var readers = _readersOfAddress.GetValueOrDefault(addressOnArticle);
            if (readers >= readersPerAddress) return false;
            _counted.Add(counted);
            _readersOfAddress[addressOnArticle] = readers + 1;
            return true;
        }
    }

    private void StartWindowIfDue()
    {
        var current = clock.GetUtcNow().UtcTicks / window.Ticks;
        if (current == _window) return;
        _window = current;
        // New sets, not Clear(): a busy window's capacity is given back.
        _counted = [];
        _readersOfAddress = [];
    }

    private ulong Keyed(string text) =>
        BinaryPrimitives.ReadUInt64LittleEndian(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));
}
