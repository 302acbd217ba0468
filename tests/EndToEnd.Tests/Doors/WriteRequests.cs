using System.Net.Http.Json;
using System.Text;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>Every write the public contract has, each as a fresh request with the content type it declares.</summary>
public static class WriteRequests
{
    public const string PageText = """
        Hà Nội khai trương tuyến xe buýt điện mới nối trung tâm với sân bay

        Tuyến xe buýt điện mới chạy từ trung tâm Hà Nội tới sân bay Nội Bài mỗi 15 phút, giá vé không đổi so với tuyến cũ.
        Sở Giao thông vận tải cho biết tuyến này dùng 30 xe điện, mỗi xe chở 60 khách, chạy từ 5 giờ sáng đến 11 giờ đêm.
        """;

    public static HttpRequestMessage Article(string id) =>
        new(HttpMethod.Post, "/api/articles") { Content = JsonContent.Create(new { id, title = "Bài viết kiểm tra cửa", body = "Nội dung bài viết kiểm tra cửa ghi." }) };

    public static HttpRequestMessage Bulk(string id) =>
        new(HttpMethod.Post, "/api/articles/bulk")
        {
            Content = new StringContent($$"""{"id":"{{id}}","title":"Bài viết hàng loạt","body":"Nội dung hàng loạt."}""", Encoding.UTF8, "application/x-ndjson"),
        };

    public static HttpRequestMessage Page(string slug) =>
        new(HttpMethod.Post, $"/api/pages?url={Uri.EscapeDataString($"https://example.vn/{slug}")}") { Content = new StringContent(PageText, Encoding.UTF8, "text/plain") };

    public static HttpRequestMessage Withdraw(string id) => new(HttpMethod.Delete, $"/api/articles/{id}");

    public static HttpRequestMessage Pin(string id) =>
        new(HttpMethod.Post, "/api/feeds/featured/pins") { Content = JsonContent.Create(new { articleId = id, expiresAt = DateTimeOffset.UtcNow.AddHours(1) }) };

    public static HttpRequestMessage Unpin(string id) => new(HttpMethod.Delete, $"/api/feeds/featured/pins/{id}");

    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string? key)
    {
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }
}
