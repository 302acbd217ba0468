using ContentPipeline.Testing;
using Microsoft.Playwright;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>Debian's chromium driven by Playwright (the package's own browser download is never used).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool Installed => File.Exists(ExecutablePath);

    /// <summary>
    /// Skips the test where chromium is not installed (fails it where the run requires every service). A class
    /// fixture cannot skip: xunit reports what it throws as a failure of every test of the class.
    /// </summary>
    public static void SkipUnlessInstalled()
    {
        if (Installed) return;
        var reason = $"Needs Debian's chromium at {ExecutablePath} (apt-get install -y chromium; .ci/run installs it).";
        if (Environment.GetEnvironmentVariable(TestServices.RequireVariable) == "1") throw new InvalidOperationException(reason);
        Assert.Skip(reason);
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        SkipUnlessInstalled();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Where a test keeps a screenshot: TestResults/screenshots at the repository root, kept with CI's results.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ContentPipeline.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
