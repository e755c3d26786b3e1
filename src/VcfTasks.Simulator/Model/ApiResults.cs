namespace VcfTasks.Simulator.Model;

/// <summary>The few kinds of response the API gives, written with the simulator's JSON options.</summary>
internal static class ApiResults
{
    public const string Json = "application/json";

    public static IResult Error(int status, ApiError error) => new BytesResult(SimJson.Bytes(error), status);

    public static IResult JsonBytes(byte[] body, int status = StatusCodes.Status200OK) => new BytesResult(body, status);

    public static IResult Object<T>(T value, int status = StatusCodes.Status200OK) => JsonBytes(SimJson.Bytes(value), status);

    /// <summary>200 with no body at all (Content-Length: 0), as retry and cancel answer.</summary>
    public static IResult EmptyOk() => new BytesResult(null, StatusCodes.Status200OK);

    private sealed class BytesResult(byte[]? body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentLength = body?.Length ?? 0;
            if (body is null)
            {
                return Task.CompletedTask;
            }

            response.ContentType = Json;
            return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
