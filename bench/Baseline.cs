// The baseline of bench/Invoke-Benchmark.ps1: raw HttpClient plus System.Text.Json doing the work Get-VcfTask does,
// and nothing else. Compiled in-process with Add-Type (no source generators there, so this is reflection-based
// System.Text.Json: the honest "what anyone would write by hand" baseline). Not part of the module.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace VcfBench
{
    // Minimal typed classes with the same fields the module reads (VcfTask, VcfSubTask, VcfTaskStage,
    // VcfTaskError, VcfTaskResource, VcfMessagePack, VcfDocumentationLink), mapped by camelCase names.
    public sealed class BPage
    {
        public List<BTask> Elements { get; set; }
        public BPageMetadata PageMetadata { get; set; }
    }

    public sealed class BPageMetadata
    {
        public int? PageNumber { get; set; }
        public int? PageSize { get; set; }
        public int? TotalElements { get; set; }
        public int? TotalPages { get; set; }
    }

    public sealed class BTask
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string Type { get; set; }
        public string Status { get; set; }
        public DateTimeOffset? CreationTimestamp { get; set; }
        public DateTimeOffset? CompletionTimestamp { get; set; }
        public List<BSubTask> SubTasks { get; set; }
        public List<BError> Errors { get; set; }
        public List<BResource> Resources { get; set; }
        public string ResolutionStatus { get; set; }
        public BMessagePack LocalizableDescriptionPack { get; set; }
        public bool? IsRetryable { get; set; }
        public bool? IsCancellable { get; set; }
    }

    public sealed class BSubTask
    {
        public string Name { get; set; }
        public string Type { get; set; }
        public string Description { get; set; }
        public string Status { get; set; }
        public DateTimeOffset? CreationTimestamp { get; set; }
        public DateTimeOffset? CompletionTimestamp { get; set; }
        public List<BStage> Stages { get; set; }
        public List<BError> Errors { get; set; }
        public List<BResource> Resources { get; set; }
        public List<BSubTask> SubTasks { get; set; }
        public BDocumentationLink DocumentationLink { get; set; }
    }

    public sealed class BStage
    {
        public string Name { get; set; }
        public string Type { get; set; }
        public string Description { get; set; }
        public string Status { get; set; }
        public DateTimeOffset? CreationTimestamp { get; set; }
        public DateTimeOffset? CompletionTimestamp { get; set; }
        public List<BError> Errors { get; set; }
    }

    public sealed class BError
    {
        public string ErrorCode { get; set; }
        public string ErrorType { get; set; }
        public List<string> Arguments { get; set; }
        public Dictionary<string, string> Context { get; set; }
        public string Message { get; set; }
        public string RemediationMessage { get; set; }
        public List<BCause> Causes { get; set; }
        public List<BError> NestedErrors { get; set; }
        public string ReferenceToken { get; set; }
        public string Label { get; set; }
        public string RemediationUrl { get; set; }
    }

    public sealed class BCause
    {
        public string Type { get; set; }
        public string Message { get; set; }
    }

    public sealed class BResource
    {
        public string ResourceId { get; set; }
        public string Fqdn { get; set; }
        public string Type { get; set; }
        public string Name { get; set; }
        public List<string> Sans { get; set; }
    }

    public sealed class BMessagePack
    {
        public string Component { get; set; }
        public string MessageKey { get; set; }
        public List<string> Arguments { get; set; }
        public string Message { get; set; }
        public string Bundle { get; set; }
    }

    public sealed class BDocumentationLink
    {
        public string Url { get; set; }
        public string Label { get; set; }
    }

    public sealed class BTokenPair
    {
        public string AccessToken { get; set; }
    }

    /// <summary>Logs in once, then lists tasks page by page: one GET per page, read as it streams in, tasks yielded as each page ends.</summary>
    public sealed class BaselineClient : IDisposable
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            MaxDepth = 64,
        };

        private readonly HttpClient _http;
        private readonly Uri _base;

        public BaselineClient(string url, string sha256Thumbprint)
        {
            string pinned = sha256Thumbprint.Replace(":", "").Trim().ToUpperInvariant();
            var handler = new HttpClientHandler
            {
                // The same handler settings as the module's connection.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                    cert != null && Convert.ToHexString(SHA256.HashData(cert.RawData)) == pinned,
            };
            _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
            _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            _base = new Uri(url.TrimEnd('/') + "/");
        }

        private int _requests;

        /// <summary>Number of requests sent (pages and login).</summary>
        public int Requests => Volatile.Read(ref _requests);

        /// <summary>The bearer token, for the Invoke-RestMethod cases of the benchmark (never printed).</summary>
        public string AccessToken { get; private set; }

        public void Login(string username, string password)
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "v1/tokens"))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = _http.SendAsync(request).GetAwaiter().GetResult();
            Interlocked.Increment(ref _requests);
            response.EnsureSuccessStatusCode();
            var pair = response.Content.ReadFromJsonAsyncCompat<BTokenPair>(Json).GetAwaiter().GetResult();
            AccessToken = pair.AccessToken;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        }

        /// <summary>One page, read with ResponseHeadersRead and deserialized from the response stream.</summary>
        public async Task<BPage> GetPageAsync(int pageNumber, int pageSize, string status, CancellationToken ct)
        {
            var path = "v1/tasks?pageNumber=" + pageNumber.ToString(CultureInfo.InvariantCulture) +
                       "&pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(status)) path += "&taskStatus=" + Uri.EscapeDataString(status);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            response.EnsureSuccessStatusCode();
            using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<BPage>(stream, Json, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// The listing as a lazy sequence: a page is fetched only when the consumer has taken every task of the
        /// previous one, so PowerShell pays the same per-object pipeline cost as for the cmdlet's WriteObject.
        /// Stops on totalPages, on a short page or on an empty one (as the module does).
        /// </summary>
        public IEnumerable<BTask> List(int pageSize, string status)
        {
            for (int pageNumber = 0; ; pageNumber++)
            {
                var page = GetPageAsync(pageNumber, pageSize, status, CancellationToken.None).GetAwaiter().GetResult();
                var elements = page.Elements;
                if (elements == null || elements.Count == 0) yield break;
                foreach (var task in elements) yield return task;
                var total = page.PageMetadata?.TotalPages;
                if ((total.HasValue && pageNumber + 1 >= total.Value) || elements.Count < pageSize) yield break;
            }
        }

        /// <summary>
        /// The listing with up to <paramref name="concurrency"/> page requests in flight once page 0 has told how many
        /// pages there are, tasks still yielded in page order: what a hand-written concurrent client would do, and
        /// the same shape as the module's window (the next requests are started before a page is taken).
        /// </summary>
        public IEnumerable<BTask> ListConcurrent(int pageSize, string status, int concurrency)
        {
            var first = GetPageAsync(0, pageSize, status, CancellationToken.None).GetAwaiter().GetResult();
            if (first.Elements == null || first.Elements.Count == 0) yield break;
            foreach (var task in first.Elements) yield return task;
            int total = first.PageMetadata?.TotalPages ?? 1;
            var held = new Queue<Task<BPage>>();
            using var cancel = new CancellationTokenSource();
            try
            {
                for (int next = 1; next < total || held.Count > 0;)
                {
                    while (held.Count < concurrency && next < total) held.Enqueue(GetPageAsync(next++, pageSize, status, cancel.Token));
                    var page = held.Dequeue().GetAwaiter().GetResult();
                    if (page.Elements == null) yield break;
                    foreach (var task in page.Elements) yield return task;
                }
            }
            finally
            {
                cancel.Cancel();
                foreach (var pending in held) pending.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
        }

        /// <summary>The same listing consumed in C#, without PowerShell: HTTP and JSON only.</summary>
        public int CountAll(int pageSize, string status)
        {
            int n = 0;
            foreach (var _ in List(pageSize, status)) n++;
            return n;
        }

        public void Dispose() => _http.Dispose();
    }

    internal static class HttpContentJson
    {
        public static async Task<T> ReadFromJsonAsyncCompat<T>(this HttpContent content, JsonSerializerOptions options)
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<T>(stream, options).ConfigureAwait(false);
        }
    }

    /// <summary>Samples this process's working set every few milliseconds and keeps the highest value seen.</summary>
    public sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;
        private long _peakHeap;

        public PeakSampler(int periodMs)
        {
            Start = Environment.WorkingSet;
            _peak = Start;
            _timer = new Timer(_ => Sample(), null, 0, periodMs);
        }

        public long Start { get; }

        /// <summary>Highest working set seen (bytes).</summary>
        public long Peak { get { Sample(); return Interlocked.Read(ref _peak); } }

        /// <summary>Highest managed heap size seen (bytes, live and not yet collected).</summary>
        public long PeakHeap { get { Sample(); return Interlocked.Read(ref _peakHeap); } }

        private void Sample()
        {
            Max(ref _peak, Environment.WorkingSet);
            Max(ref _peakHeap, GC.GetTotalMemory(false));
        }

        private static void Max(ref long field, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen) { }
        }

        public void Dispose()
        {
            using var done = new ManualResetEvent(false);
            _timer.Dispose(done);
            done.WaitOne();
        }
    }
}
