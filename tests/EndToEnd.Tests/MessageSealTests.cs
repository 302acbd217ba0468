using ContentPipeline.Contracts;
using ContentPipeline.ServiceDefaults.Messaging;

namespace ContentPipeline.EndToEnd.Tests;

public sealed class MessageSealTests
{
    private static readonly ArticleSubmitted Message = new()
    {
        ArticleId = "a1", Version = 2, SubmittedAt = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(7)),
        Content = new ArticleContent { Title = "Tiêu đề", Body = "Nội dung", Tags = ["giao thông"] },
    };

    [Fact]
    public void A_seal_holds_for_the_same_message_and_key_and_for_nothing_else()
    {
        var seal = new MessageSeal("shared-secret");
        var sealedAs = seal.Of(Message);
        Assert.Null(seal.Problem(Message with { Content = Message.Content with { Tags = ["giao thông"] } }, sealedAs));
        Assert.Contains("does not match", seal.Problem(Message with { Version = 3 }, sealedAs));
        Assert.Contains("does not match", seal.Problem(Message with { Content = Message.Content with { Title = "Tiêu đề khác" } }, sealedAs));
        Assert.Contains("does not match", new MessageSeal("another-secret").Problem(Message, sealedAs));
        Assert.Contains("carries no", seal.Problem(Message, null));
    }
}
