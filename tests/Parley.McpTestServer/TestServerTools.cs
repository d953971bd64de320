using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Parley.McpTestServer;

/// <summary>Tools with fixed answers, so tests can check what came back through the client.</summary>
[McpServerToolType]
internal static class TestServerTools
{
    [McpServerTool(Name = "lookup_order"), Description("Tells the status of an order.")]
    public static string LookupOrder([Description("The order's id, such as A-1001.")] string orderId) =>
        $"Order {orderId} shipped on March 3 and arrives Friday.";

    [McpServerTool(Name = "add_numbers"), Description("Adds two numbers.")]
    public static double AddNumbers(double a, double b) => a + b;

    [McpServerTool(Name = "process_id"), Description("The server's process id, so tests can watch it end.")]
    public static int ProcessId() => Environment.ProcessId;

    [McpServerTool(Name = "read_environment"), Description("The value of an environment variable, or '(unset)'.")]
    public static string ReadEnvironment(string name) => Environment.GetEnvironmentVariable(name) ?? "(unset)";
}
