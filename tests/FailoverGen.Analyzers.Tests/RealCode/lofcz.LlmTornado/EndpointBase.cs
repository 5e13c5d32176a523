// Source: https://github.com/lofcz/LlmTornado/blob/40509fc1945e7ef7f1780991ff5a7cbe400149a5/src/LlmTornado/EndpointBase.cs (lines 1-815)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to EndpointBase so the rules treat it as a provider client (every LlmTornado endpoint derives from it)
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.Serialization;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using LlmTornado.Chat;
using LlmTornado.Code;
using LlmTornado.Code.Models;
using LlmTornado.Common;
using LlmTornado.Common;
using Newtonsoft.Json;
#if !MODERN
using HttpUtility = LlmTornado.Code.HttpUtility;
#endif

namespace LlmTornado
{

/// <summary>
///     A base object for any OpenAI API endpoint, encompassing common functionality
/// </summary>
public abstract class EndpointBase : ICorpusChain
{
    private static string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";
    internal static readonly JsonSerializerSettings NullSettings = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };
    private static TimeSpan endpointTimeout = TimeSpan.FromSeconds(600);
    private static readonly ConcurrentDictionary<LLmProviders, HttpClient> EndpointClients = new ConcurrentDictionary<LLmProviders, HttpClient>();

    // … trimmed (HttpClient creation hooks)


    /// <summary>
    ///     Constructor of the api endpoint base, to be called from the contructor of any devived classes.  Rather than
    ///     instantiating any endpoint yourself, access it through an instance of <see cref="TornadoApi" />.
    /// </summary>
    /// <param name="api"></param>
    internal EndpointBase(TornadoApi api)
    {
        Api = api;
    }

    internal string GetUrl(IEndpointProvider provider, string? url = null, IModel? model = null)
    {
        return provider.ApiUrl(Endpoint, url, model);
    }
    
    internal static string GetUrl(IEndpointProvider provider, CapabilityEndpoints endpoint, string? url = null, IModel? model = null)
    {
        return provider.ApiUrl(endpoint, url, model);
    }

    /// <summary>
    ///     The internal reference to the API, mostly used for authentication
    /// </summary>
    internal TornadoApi Api { get; }

    /// <summary>
    ///     The name of the endpoint, which is the final path segment in the API URL.  Must be overriden in a derived class.
    /// </summary>
    protected abstract CapabilityEndpoints Endpoint { get; }

    /// <summary>
    ///     Gets the timeout for all http requests
    /// </summary>
    /// <returns></returns>
    public static int GetRequestsTimeout()
    {
        return (int)endpointTimeout.TotalSeconds;
    }

    /// <summary>
    ///     Sets the timeout for all http requests.
    ///     This is not thread safe! Use only in app startup logic.
    /// </summary>
    /// <returns>Whether the call succeeded. If this method is called after any requests started it will fail.</returns>
    public static bool SetRequestsTimeout(int seconds)
    {
        bool ok = true;
        foreach (HttpClient x in EndpointClients.Values.ToList())
        {
            try
            {
                x.Timeout = TimeSpan.FromSeconds(seconds);
            }
            catch (Exception e) // judged: none — setting HttpClient.Timeout makes no provider call (it only fails once requests have started)
            {
                ok = false;
            }
        }

        endpointTimeout = TimeSpan.FromSeconds(seconds);
        return ok;
    }

    // … trimmed (user agent accessors)

    /// <summary>
    ///     Gets an HTTPClient with the appropriate authorization and other headers set
    /// </summary>
    /// <returns>The fully initialized HttpClient</returns>
    /// <exception cref="AuthenticationException">
    ///     Thrown if there is no valid authentication.  Please refer to
    ///     <see href="https://github.com/OkGoDoIt/OpenAI-API-dotnet#authentication" /> for details.
    /// </exception>
    private static async Task<HttpClient> GetClient(IEndpointProvider provider)
    {
        if (EndpointClients.TryGetValue(provider.Provider, out HttpClient? client))
        {
            return client;
        }

        // Can run more than once, but should be fast
        client = await CreateHttpClient(provider);
        client = EndpointClients.GetOrAdd(provider.Provider, client);
        return client;
    }

    private static Task<HttpClient> CreateHttpClient(IEndpointProvider provider) => throw new NotImplementedException(); // … trimmed (HttpClient construction and configuration)

    /// <summary>
    ///     Formats a human-readable error message relating to calling the API and parsing the response
    /// </summary>
    /// <param name="resultAsString">The full content returned in the http response</param>
    /// <param name="response">The http response object itself</param>
    /// <param name="name">The name of the endpoint being used</param>
    /// <param name="description">Additional details about the endpoint of this request (optional)</param>
    /// <param name="input">Additional details about the endpoint of this request (optional)</param>
    /// <returns>A human-readable string error message.</returns>
    private static string GetErrorMessage(string? resultAsString, HttpResponseMessage response, string name, string description, HttpCallRequest input)
    {
        return $"Error at {name} ({description}) with HTTP status code: {response.StatusCode}. Content: {resultAsString ?? "<no content>"}. Request: {JsonConvert.SerializeObject(input.Headers)}";
    }

    private static void SetRequestContent(HttpRequestMessage msg, object? payload, out string rawContent)
    {
        rawContent = string.Empty;
        
        if (payload is not null)
        {
            switch (payload)
            {
                case HttpContent hData:
                {
                    msg.Content = hData;
                    break;
                }
                case string str:
                {
                    StringContent stringContent = new StringContent(str, Encoding.UTF8, "application/json");
                    msg.Content = stringContent;
                    rawContent = str;
                    break;
                }
                default:
                {
                    string jsonContent = JsonConvert.SerializeObject(payload, NullSettings);
                    StringContent stringContent = new StringContent(jsonContent, Encoding.UTF8, "application/json");
                    msg.Content = stringContent;
                    rawContent = jsonContent;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Builds the final request url.
    /// </summary>
    internal static string BuildRequestUrl(string? url, IEndpointProvider provider, CapabilityEndpoints endpoint, IModel? model, Dictionary<string, object>? queryParams = null)
    {
        url ??= provider.ApiUrl(endpoint, url, model);

        if (queryParams?.Count > 0)
        {
            url = $"{url}?{string.Join("&", queryParams.Select(x => $"{HttpUtility.UrlEncode(x.Key)}={HttpUtility.UrlEncode(x.Value.ToString())}"))}";
        }

        return url;
    }

    /// <summary>
    ///     Sends an HTTP request and returns the response.  Does not do any parsing, but does do error handling.
    /// </summary>
    /// <param name="url">
    ///     (optional) If provided, overrides the url endpoint for this request.  If omitted, then
    ///     <see cref="url" /> will be used.
    /// </param>
    /// <param name="queryParams">(optional) Query parameters</param>
    /// <param name="verb">
    ///     (optional) The HTTP verb to use, for example "<see cref="HttpVerbs.Get" />".  If omitted, then
    ///     "GET" is assumed.
    /// </param>
    /// <param name="postData">(optional) A json-serializable object to include in the request body.</param>
    /// <param name="streaming">
    ///     (optional) If true, streams the response. Otherwise waits for the entire response before
    ///     returning.
    /// </param>
    /// <param name="ct">(optional) A cancellation token.</param>
    /// <param name="provider"></param>
    /// <param name="endpoint"></param>
    /// <returns>The HttpResponseMessage of the response, which is confirmed to be successful.</returns>
    /// <exception cref="HttpRequestException">Throws an exception if a non-success HTTP response was returned</exception>
    private async Task<HttpResponseMessage> HttpRequestRaw(IEndpointProvider provider, CapabilityEndpoints endpoint, string? url = null, Dictionary<string, object>? queryParams = null, HttpVerbs? verb = null, object? postData = null, IModel? model = null, object? requestObj = null, bool streaming = false, CancellationToken? ct = null)
    {
        url = BuildRequestUrl(url, provider, endpoint, model, queryParams);
        verb ??= HttpVerbs.Get;

        HttpClient client = await GetClient(provider);
        using HttpRequestMessage req = provider.OutboundMessage(url, verb.Value.ToMethod(), postData, streaming, requestObj);

        SetRequestContent(req, postData, out string requestContent);

        HttpResponseMessage? response = null;
        
        try
        {
            response = await client.SendAsync(req, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct ?? CancellationToken.None).ConfigureAwait(false);

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            string resultAsString;

            try
            {
                resultAsString = await response.Content.ReadAsStringAsync();
            }
            catch (Exception e) // judged: none — a failure reading the error body is folded into the message, and the error exception is thrown right after
            {
                resultAsString = $"Additionally, the following error was thrown when attempting to read the response content: {e}";
            }

            ProviderAuthentication? auth = Api.GetProvider(provider.Provider).Auth;

            if (auth is not null)
            {
                if (auth.ApiKey is not null)
                {
                    resultAsString = resultAsString.Replace(auth.ApiKey, "[API KEY REDACTED FOR SECURITY]");
                }

                if (auth.Organization is not null)
                {
                    resultAsString = resultAsString.Replace(auth.Organization, "[ORGANIZATION REDACTED FOR SECURITY]");
                }
            }
            
            HttpCallRequest httpRequest = new HttpCallRequest
            {
                Method = req.Method,
                Url = req.RequestUri?.AbsolutePath ?? string.Empty,
                Headers = req.Headers.ConvertHeaders(),
                Body = requestContent
            };

            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new AuthenticationException($"The API provider rejected your authorization, most likely due to an invalid API Key. Check your API key and/or other authentication requirements of the service. Full API response follows: {resultAsString}"),
                HttpStatusCode.InternalServerError => new HttpRequestException($"The API provider had an internal server error. Please retry your request. Server response: {GetErrorMessage(resultAsString, response, Endpoint.ToString(), url, httpRequest)}"),
                _ => new HttpRequestException(GetErrorMessage(resultAsString, response, Endpoint.ToString(), url, httpRequest))
            };
        }
        catch (Exception e) // judged: FG1002 — rethrows a new HttpRequestException/TaskCanceledException/Exception built from e.Message only: no inner exception, so the status, the cause and the exception type (AuthenticationException becomes Exception) are lost
        {
            response?.Dispose();
            
            throw e switch
            {
                HttpRequestException => new HttpRequestException($"An error occurred when trying to contact {verb.Value.ToMethod()} {url}. Message: {e.Message}. {(e.InnerException is not null ? $" Inner exception: {e.InnerException.Message}" : string.Empty)}"),
                TaskCanceledException => new TaskCanceledException($"An error occurred when trying to contact {verb.Value.ToMethod()} {url}. The operation timed out. Consider increasing the timeout in TornadoApi config. {(e.InnerException is not null ? $" Inner exception: {e.InnerException.Message}" : string.Empty)}"),
                _ => new Exception($"An error occurred when trying to contact {verb.Value.ToMethod()} {url}. Exception type: {e.GetType()}. Message: {e.Message}. {(e.InnerException is not null ? $" Inner exception: {e.InnerException.Message}" : string.Empty)}")
            };
        }
    }

    private async Task<RestDataOrException<HttpResponseMessage>> HttpRequestRawWithAllCodes(IEndpointProvider provider, CapabilityEndpoints endpoint, string? url = null, Dictionary<string, object>? queryParams = null, HttpVerbs? verb = null, object? content = null, IModel? model = null, bool streaming = false, CancellationToken? ct = null, Dictionary<string, object?>? headers = null, object? requestObj = null)
    {
        url = BuildRequestUrl(url, provider, endpoint, model, queryParams);
        verb ??= HttpVerbs.Get;

        HttpClient client = await GetClient(provider);
        using HttpRequestMessage req = provider.OutboundMessage(url, verb.Value.ToMethod(), content, streaming, requestObj);

        if (headers is not null)
        {
            foreach (KeyValuePair<string, object?> entry in headers)
            {
                req.Headers.TryAddWithoutValidation(entry.Key, entry.Value?.ToString() ?? string.Empty);
            }
        }
        
        SetRequestContent(req, content, out string requestContent);
        HttpResponseMessage? result = null;

        try
        {
            result = await client.SendAsync(req, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct ?? CancellationToken.None).ConfigureAwait(false);

            if (result.IsSuccessStatusCode)
            {
                return new RestDataOrException<HttpResponseMessage>(result, req, requestContent);
            }

            string resultAsString;

            try
            {
                resultAsString = await result.Content.ReadAsStringAsync();
            }
            catch (Exception le) // judged: none — a failure reading the error body is folded into the message; the method then throws (HttpStrict) or returns the HttpRequestException inside the result object
            {
                resultAsString = $"Additionally, the following error was thrown when attempting to read the response content: {le}";
            }

            ProviderAuthentication? auth = Api.GetProvider(provider.Provider).Auth;

            if (auth is not null)
            {
                if (auth.ApiKey is not null)
                {
                    resultAsString = resultAsString.Replace(auth.ApiKey, "[API KEY REDACTED FOR SECURITY]");
                }

                if (auth.Organization is not null)
                {
                    resultAsString = resultAsString.Replace(auth.Organization, "[ORGANIZATION REDACTED FOR SECURITY]");
                }
            }

            ErrorHttpCallResult error = new ErrorHttpCallResult(result.StatusCode, resultAsString, null);
#if MODERN
            HttpRequestException e = new HttpRequestException(httpRequestError: HttpRequestError.Unknown, message: resultAsString, statusCode: result.StatusCode);
#else
            HttpRequestException e = new HttpRequestException($"{resultAsString} (status code: {result.StatusCode})");
#endif
            result.Dispose();
            
            if (Api.HttpStrict)
            {
                throw e;
            }
            
            return new RestDataOrException<HttpResponseMessage>(e, req, error, requestContent);
        }
        catch (Exception e) // judged: none — rethrown when HttpStrict, otherwise handed on inside the returned RestDataOrException
        {
            result?.Dispose();
            
            if (Api.HttpStrict)
            {
                throw;
            }
            
            return new RestDataOrException<HttpResponseMessage>(e, req, null, requestContent);
        }
    }

    // … trimmed (HttpGetContent, HttpRequest, HttpRequest(Type))

    internal async Task<HttpCallResult<T>> HttpRequestRaw<T>(IEndpointProvider provider, CapabilityEndpoints endpoint, string? url = null, Dictionary<string, object>? queryParams = null, HttpVerbs? verb = null, object? postData = null, IModel? model = null, object? requestObj = null, CancellationToken? ct = null, Dictionary<string, object?>? headers = null)
    {
        RestDataOrException<HttpResponseMessage> response = await HttpRequestRawWithAllCodes(provider, endpoint, url, queryParams, verb, postData, model, false, ct, headers, requestObj).ConfigureAwait(false);
        
        try
        {

            if (response.Exception is not null)
            {
                return new HttpCallResult<T>(response.HttpResult?.Code ?? HttpStatusCode.ServiceUnavailable, response.HttpResult?.Response, default, false, new RestDataOrException<HttpResponseData>(response.Exception))
                {
                    Exception = response.Exception
                };
            }

            if (response.Data is null)
            {
                return new HttpCallResult<T>(response.HttpResult?.Code ?? HttpStatusCode.Found, null, default, false, new RestDataOrException<HttpResponseData>(new Exception("Data is null")))
                {
                    Exception = new Exception("Data is null")
                };
            }

            string resultAsString = await response.Data.Content.ReadAsStringAsync().ConfigureAwait(false);
            
            RestDataOrException<HttpResponseData> responseSnapshot = new RestDataOrException<HttpResponseData>(HttpResponseData.Instantiate(response.Data), response.HttpRequest);
            HttpCallResult<T> result = new HttpCallResult<T>(response.Data.StatusCode, resultAsString, default, response.Data.IsSuccessStatusCode, responseSnapshot);

            if (!response.Data.IsSuccessStatusCode)
            {
                return result;
            }

            result.Ok = true;
       
            try
            {
                result.Data = provider.InboundMessage<T>(resultAsString, postData?.ToString(), requestObj);
            }
            catch (Exception e) // judged: none — deserialization failure, rethrown with `throw;`
            {
                #if DEBUG
                Console.WriteLine($"Error deserializing to {typeof(T)}. String to parse: ");
                Console.WriteLine(resultAsString);
                #endif
                
                throw;
            }
            
            return result;
        }
        catch (Exception e) // judged: none — rethrown when HttpStrict, otherwise handed on inside the returned HttpCallResult's RestDataOrException
        {
            if (Api.HttpStrict)
            {
                throw;
            }
            
            return new HttpCallResult<T>(response.Data?.StatusCode ?? HttpStatusCode.ServiceUnavailable, null, default, false, new RestDataOrException<HttpResponseData>(e));
        }
        finally
        {
            response.Data?.Dispose();            
        }
    }

    // … trimmed (remaining verb helpers and streaming)
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace LlmTornado
{
    public class TornadoApi
    {
        public IEndpointProvider GetProvider(LLmProviders provider) => throw new NotImplementedException();

        internal bool HttpStrict { get; set; }
    }
}

namespace LlmTornado.Code
{
    public interface IEndpointProvider
    {
        public HttpRequestMessage OutboundMessage(string url, HttpMethod verb, object? data, bool streaming, object? sourceObject);

        public T? InboundMessage<T>(string jsonData, string? postData, object? request);

        public LLmProviders Provider { get; set; }

        public string ApiUrl(CapabilityEndpoints endpoint, string? url, IModel? model = null);

        public ProviderAuthentication? Auth { get; set; }
    }

    public class ProviderAuthentication
    {
        public string? ApiKey { get; set; }

        public string? Organization { get; set; }
    }

    public enum LLmProviders
    {
        OpenAi,
    }

    public enum CapabilityEndpoints
    {
        Chat,
    }

    internal enum HttpVerbs
    {
        Get,
        Post,
    }

    internal static partial class Extensions
    {
        public static Dictionary<string, IEnumerable<string>> ConvertHeaders(this HttpRequestHeaders headers) => throw new NotImplementedException();

        public static HttpMethod ToMethod(this HttpVerbs verb) => throw new NotImplementedException();
    }

    internal sealed class HttpUtility
    {
        public static string UrlEncode(string? str) => throw new NotImplementedException();
    }
}

namespace LlmTornado.Code.Models
{
    public interface IModel
    {
    }
}

namespace LlmTornado.Chat
{
    internal sealed class CorpusChatNamespaceAnchor
    {
    }
}

namespace LlmTornado.Common
{
    public interface IHttpCallResult
    {
        public HttpStatusCode Code { get; set; }

        public string? Response { get; set; }
    }

    public class HttpCallRequest
    {
        public string Url { get; set; } = string.Empty;

        public HttpMethod Method { get; set; } = HttpMethod.Get;

        public Dictionary<string, IEnumerable<string>> Headers { get; set; } = [];

        public string? Body { get; set; }
    }

    public class ErrorHttpCallResult : IHttpCallResult
    {
        public ErrorHttpCallResult(HttpStatusCode code, string? response, Exception? exception) => throw new NotImplementedException();

        public HttpStatusCode Code { get; set; }

        public string? Response { get; set; }
    }

    public class HttpResponseData
    {
        internal static HttpResponseData Instantiate(HttpResponseMessage message) => throw new NotImplementedException();
    }

    public class RestDataOrException<T>
    {
        public RestDataOrException(T data, HttpCallRequest? request) => throw new NotImplementedException();

        public RestDataOrException(T data, HttpRequestMessage httpRequest, string requestContent) => throw new NotImplementedException();

        public RestDataOrException(Exception e, HttpRequestMessage httpRequest, ErrorHttpCallResult? errorResponse, string requestContent) => throw new NotImplementedException();

        public RestDataOrException(Exception e) => throw new NotImplementedException();

        public T? Data { get; set; }

        public Exception? Exception { get; set; }

        public IHttpCallResult? HttpResult { get; set; }

        public HttpCallRequest? HttpRequest { get; set; }
    }

    public class HttpCallResult<T> : IHttpCallResult
    {
        public HttpCallResult(HttpStatusCode code, string? response, T? data, bool ok, RestDataOrException<HttpResponseData> request) => throw new NotImplementedException();

        public HttpStatusCode Code { get; set; }

        public string? Response { get; set; }

        public T? Data { get; set; }

        public bool Ok { get; set; }

        public Exception? Exception { get; set; }
    }
}

namespace Newtonsoft.Json
{
    public static class JsonConvert
    {
        public static string SerializeObject(object? value) => throw new NotImplementedException();

        public static string SerializeObject(object? value, JsonSerializerSettings settings) => throw new NotImplementedException();
    }

    public class JsonSerializerSettings
    {
        public NullValueHandling NullValueHandling { get; set; }
    }

    public enum NullValueHandling
    {
        Include,
        Ignore,
    }
}
