using System.Text.Json.Serialization;
using Parley.Server.Api;

namespace Parley.Server.Telephony;

/// <summary>Source-generated JSON of the phone numbers and calls APIs.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PhoneNumberResponse))]
[JsonSerializable(typeof(ListResponse<PhoneNumberResponse>))]
[JsonSerializable(typeof(CallRequest))]
[JsonSerializable(typeof(CallResponse))]
[JsonSerializable(typeof(ListResponse<CallResponse>))]
internal sealed partial class TelephonyJsonContext : JsonSerializerContext;
