using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Net.Http.Headers;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>The HTTP-level checks before a request is treated as a gRPC call, and the response they start.</summary>
internal static class GrpcHttpChecks
{
    /// <summary>
    /// Returns false, having answered, when the request is not a gRPC call: a method other than POST gets 405,
    /// HTTP/1.x 426, and a
    /// wrong content-type 415 (so plain HTTP clients do not read an error as success). Otherwise starts a
    /// gRPC response (200, application/grpc) and lifts Kestrel's whole-body limits, since gRPC limits each message.
    /// </summary>
    public static async ValueTask<bool> AcceptAsync(HttpContext httpContext, ILogger logger)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers[HeaderNames.Allow] = HttpMethods.Post;
            return false;
        }

        if (!GrpcProtocol.IsHttp2OrLater(request.Protocol))
        {
            GrpcServerLog.UnsupportedProtocol(logger, request.Protocol);
            response.Headers[HeaderNames.Upgrade] = "h2c";
            await RejectAsync(response, StatusCodes.Status426UpgradeRequired,
                $"Request protocol '{request.Protocol}' is not supported: gRPC needs HTTP/2.").ConfigureAwait(false);
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            GrpcServerLog.UnsupportedContentType(logger, request.ContentType);
            await RejectAsync(response, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{request.ContentType}' is not supported: use application/grpc or application/grpc+proto.").ConfigureAwait(false);
            return false;
        }

        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = null;
        }

        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            // A duplex stream may rightly stay quiet for minutes.
            minRate.MinDataRate = null;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        return true;
    }

    /// <summary>An HTTP error that still carries a gRPC status, for gRPC clients that read headers only.</summary>
    public static async Task RejectAsync(HttpResponse response, int httpStatus, string message)
    {
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocol.StatusTrailer] = "13";
        response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(message);
        response.ContentType = "text/plain; charset=utf-8";
        try
        {
            await response.WriteAsync(message, response.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client has gone; nobody is left to tell.
        }
    }
}
