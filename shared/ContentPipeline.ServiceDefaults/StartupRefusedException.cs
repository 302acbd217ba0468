namespace ContentPipeline.ServiceDefaults;

/// <summary>The service cannot start as configured, for a reason the operator can fix; shown as a message, not a stack trace.</summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message);
