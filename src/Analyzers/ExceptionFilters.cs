using System.Collections.Generic;
using System.Linq;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FailoverGen.Analyzers;

/// <summary>What a condition about a caught exception lets through.</summary>
internal enum FilterVerdict
{
    /// <summary>Provider failures pass: the condition does not tell them apart, or names one (<c>StatusCode == 429</c>).</summary>
    Admits,

    /// <summary>Only errors failover would not act on pass: the caller's cancellation, a 400, <c>ex is JsonException</c>.</summary>
    Excludes,

    /// <summary>
    /// The condition asks something about the exception the rules cannot read (<c>IsNotFound(ex)</c>,
    /// <c>ex.Message.Contains(…)</c>). Precision comes first: such a catch is taken to handle what it meant to.
    /// </summary>
    Unknown,
}

/// <summary>
/// Reads <c>when</c> filters and <c>if</c> guards over a caught exception: the caught variable and the pattern
/// variables taken from it are "the exception"; anything else in the condition is neutral.
/// </summary>
internal sealed class ExceptionFilters
{
    private readonly FailoverSymbols _symbols;
    private readonly AnalyzerConfigOptions _options;
    private readonly ITypeSymbol _caught;
    private readonly HashSet<ISymbol> _exception;
    private readonly int _depth;

    public ExceptionFilters(FailoverSymbols symbols, AnalyzerConfigOptions options, ITypeSymbol caught, IEnumerable<ISymbol> exceptionVariables)
        : this(symbols, options, caught, exceptionVariables, depth: 0)
    {
    }

    private ExceptionFilters(FailoverSymbols symbols, AnalyzerConfigOptions options, ITypeSymbol caught, IEnumerable<ISymbol> exceptionVariables, int depth)
    {
        _symbols = symbols;
        _options = options;
        _caught = caught;
        _exception = new HashSet<ISymbol>(exceptionVariables, SymbolEqualityComparer.Default);
        _depth = depth;
    }

    /// <summary>How many helper methods deep a filter is followed (<c>when (IsTransient(ex))</c> → <c>IsTransient</c>).</summary>
    private const int MaxHelperDepth = 2;

    public FilterVerdict Evaluate(IOperation condition)
    {
        IOperation operation = Unwrap(condition);
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                return And(Evaluate(both.LeftOperand), Evaluate(both.RightOperand));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                return Or(Evaluate(either.LeftOperand), Evaluate(either.RightOperand));
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return IsEligibilityCheck(not.Operand) ? FilterVerdict.Excludes : Negate(Evaluate(not.Operand), not.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison when IsEligibilityCheck(comparison.LeftOperand):
                return (comparison.OperatorKind == BinaryOperatorKind.Equals) == IsFalse(comparison.RightOperand) ? FilterVerdict.Excludes : FilterVerdict.Admits;
            case IBinaryOperation comparison when StatusOf(comparison.LeftOperand) || StatusOf(comparison.RightOperand):
                return CompareStatus(comparison);
            case IBinaryOperation comparison when NetworkErrorKindOf(comparison.LeftOperand) || NetworkErrorKindOf(comparison.RightOperand):
                return FilterVerdict.Admits;
            case IIsTypeOperation isType:
                return IsTheException(isType.ValueOperand) ? TypeVerdict(isType.TypeOperand, isType.IsNegated) : Neutral(isType);
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: false } } } isFalse when IsEligibilityCheck(isFalse.Value):
                return FilterVerdict.Excludes;
            case IIsPatternOperation pattern when IsTheException(pattern.Value):
                return Pattern(pattern.Pattern);
            case IIsPatternOperation pattern when StatusOf(pattern.Value):
                return StatusPattern(pattern.Pattern);
            case IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } cancellation:
                return IsCancellationOfALocalSource(cancellation) ? FilterVerdict.Admits : FilterVerdict.Excludes;
            case IInvocationOperation invocation when IsEligibilityCheck(invocation):
                return FilterVerdict.Admits;
            case IInvocationOperation invocation when MentionsTheException(invocation):
                return Helper(invocation);
            case ISwitchExpressionOperation @switch when IsTheException(@switch.Value):
                return @switch.Arms.Select(arm => And(Pattern(arm.Pattern), Evaluate(arm.Value))).Aggregate(FilterVerdict.Excludes, Or);
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: bool value } }:
                return value ? FilterVerdict.Admits : FilterVerdict.Excludes;
            default:
                return Neutral(operation);
        }
    }

    /// <summary>
    /// A helper of this compilation the exception is passed to (<c>IsNotFoundError(ex)</c>, <c>IsTransient(ex)</c>):
    /// what it returns is read as a filter over its parameter. Anything else that looks at the exception is unknown.
    /// </summary>
    private FilterVerdict Helper(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        ISymbol[] parameters = invocation.Arguments
            .Where(argument => argument.Parameter is not null && IsTheException(argument.Value))
            .Select(argument => (ISymbol)argument.Parameter!.OriginalDefinition)
            .ToArray();
        if (_depth >= MaxHelperDepth || parameters.Length == 0 || !_symbols.Sources.IsInSource(method.OriginalDefinition)
            || invocation.Instance is { } instance && MentionsTheException(instance))
        {
            return FilterVerdict.Unknown;
        }

        FilterVerdict? verdict = null;
        foreach (SyntaxReference reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax();
            SemanticModel model = _symbols.Sources.Model(declaration.SyntaxTree);
            IEnumerable<ISymbol> variables = parameters.Concat(PatternVariables(declaration, model, default));
            var helper = new ExceptionFilters(_symbols, _options, _caught, variables, _depth + 1);
            FilterVerdict returned = helper.Returns(declaration, model);
            verdict = verdict is { } known ? Or(known, returned) : returned;
        }

        return verdict ?? FilterVerdict.Unknown;
    }

    /// <summary>What a helper's returns admit: each return under the conditions of the <c>if</c>s it sits in, combined with or.</summary>
    private FilterVerdict Returns(SyntaxNode declaration, SemanticModel model)
    {
        ArrowExpressionClauseSyntax? arrow = declaration switch
        {
            MethodDeclarationSyntax method => method.ExpressionBody,
            LocalFunctionStatementSyntax local => local.ExpressionBody,
            _ => null,
        };
        if (arrow is not null)
        {
            return model.GetOperation(arrow.Expression) is { } expression ? Evaluate(expression) : FilterVerdict.Unknown;
        }

        FilterVerdict? verdict = null;
        foreach (ReturnStatementSyntax @return in declaration.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) || node == declaration).OfType<ReturnStatementSyntax>())
        {
            if (@return.Expression is null || model.GetOperation(@return.Expression) is not { } value)
            {
                return FilterVerdict.Unknown;
            }

            FilterVerdict path = Evaluate(value);
            for (SyntaxNode? node = @return.Parent; node is not null && node != declaration; node = node.Parent)
            {
                if (node is IfStatementSyntax @if && model.GetOperation(@if.Condition) is { } condition)
                {
                    FilterVerdict test = Evaluate(condition);
                    path = And(path, @if.Statement.Span.Contains(@return.Span) ? test : Negate(test, condition));
                }
            }

            verdict = verdict is { } known ? Or(known, path) : path;
        }

        return verdict ?? FilterVerdict.Unknown;
    }

    /// <summary>A condition that does not look at the exception (a retry counter, a flag) lets every error through alike.</summary>
    private FilterVerdict Neutral(IOperation operation) => MentionsTheException(operation) ? FilterVerdict.Unknown : FilterVerdict.Admits;

    private static FilterVerdict And(FilterVerdict left, FilterVerdict right) =>
        left == FilterVerdict.Excludes || right == FilterVerdict.Excludes ? FilterVerdict.Excludes
        : left == FilterVerdict.Unknown || right == FilterVerdict.Unknown ? FilterVerdict.Unknown
        : FilterVerdict.Admits;

    private static FilterVerdict Or(FilterVerdict left, FilterVerdict right) =>
        left == FilterVerdict.Admits || right == FilterVerdict.Admits ? FilterVerdict.Admits
        : left == FilterVerdict.Excludes && right == FilterVerdict.Excludes ? FilterVerdict.Excludes
        : FilterVerdict.Unknown;

    /// <summary>
    /// The complement of a condition that excludes failures admits them (<c>!ct.IsCancellationRequested</c>); the
    /// complement of one that admits them still lets the other failures through (<c>!(ex.StatusCode == 429)</c>),
    /// unless it rules out every type the catch receives (<c>!(ex is Exception)</c>).
    /// </summary>
    private FilterVerdict Negate(FilterVerdict verdict, IOperation operand) => verdict switch
    {
        FilterVerdict.Unknown => FilterVerdict.Unknown,
        FilterVerdict.Excludes => FilterVerdict.Admits,
        _ => Unwrap(operand) is IIsTypeOperation isType && IsTheException(isType.ValueOperand) ? TypeVerdict(isType.TypeOperand, negated: true) : FilterVerdict.Admits,
    };

    /// <summary><c>ex is T</c> admits failures when T can carry one; <c>ex is not T</c> unless every caught error is a T.</summary>
    private FilterVerdict TypeVerdict(ITypeSymbol type, bool negated) =>
        negated
            ? FailoverSymbols.InheritsFromOrEquals(_caught, type) ? FilterVerdict.Excludes : FilterVerdict.Admits
            : _symbols.Carriers.CanCarry(type, _options) ? FilterVerdict.Admits : FilterVerdict.Excludes;

    private FilterVerdict Pattern(IPatternOperation pattern)
    {
        switch (pattern)
        {
            case ITypePatternOperation type:
                return TypeVerdict(type.MatchedType, negated: false);
            case IDeclarationPatternOperation declaration:
                return declaration.MatchedType is { } matched ? TypeVerdict(matched, negated: false) : FilterVerdict.Admits;
            case INegatedPatternOperation { Pattern: ITypePatternOperation or IDeclarationPatternOperation } negated:
                return negated.Pattern is ITypePatternOperation t ? TypeVerdict(t.MatchedType, negated: true)
                    : ((IDeclarationPatternOperation)negated.Pattern).MatchedType is { } m ? TypeVerdict(m, negated: true) : FilterVerdict.Excludes;
            case IBinaryPatternOperation binary:
                return binary.OperatorKind == BinaryOperatorKind.Or
                    ? Or(Pattern(binary.LeftPattern), Pattern(binary.RightPattern))
                    : And(Pattern(binary.LeftPattern), Pattern(binary.RightPattern));
            case IRecursivePatternOperation recursive:
                FilterVerdict verdict = recursive.MatchedType is { } recursiveType ? TypeVerdict(recursiveType, negated: false) : FilterVerdict.Admits;
                foreach (IPropertySubpatternOperation property in recursive.PropertySubpatterns)
                {
                    verdict = And(verdict, property.Member is IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" }
                        ? StatusPattern(property.Pattern)
                        : FilterVerdict.Unknown);
                }

                return verdict;
            case IConstantPatternOperation:
                return FilterVerdict.Excludes;
            default:
                return FilterVerdict.Unknown;
        }
    }

    /// <summary><c>ex.StatusCode is 429 or 503</c>: admits when a failover status can match.</summary>
    private static FilterVerdict StatusPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => StatusValue(constant.Value) is int status
            ? HttpStatuses.IsFailoverStatus(status) ? FilterVerdict.Admits : FilterVerdict.Excludes
            : FilterVerdict.Admits,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either => Or(StatusPattern(either.LeftPattern), StatusPattern(either.RightPattern)),
        IBinaryPatternOperation both => And(StatusPattern(both.LeftPattern), StatusPattern(both.RightPattern)),
        _ => FilterVerdict.Admits,
    };

    /// <summary><c>ex.StatusCode == HttpStatusCode.NotFound</c> handles a 404; <c>!=</c> and ranges let failover statuses through.</summary>
    private FilterVerdict CompareStatus(IBinaryOperation comparison)
    {
        IOperation other = StatusOf(comparison.LeftOperand) ? comparison.RightOperand : comparison.LeftOperand;
        return comparison.OperatorKind == BinaryOperatorKind.Equals && StatusValue(other) is int status && !HttpStatuses.IsFailoverStatus(status)
            ? FilterVerdict.Excludes
            : FilterVerdict.Admits;
    }

    private bool StatusOf(IOperation operation) =>
        Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" } property
        && property.Instance is { } instance && IsTheException(instance);

    /// <summary>The caught exception, or what it wraps (<c>ex.InnerException</c>, <c>ex.GetBaseException()</c>).</summary>
    /// <summary>
    /// <c>ex.WebSocketErrorCode</c>, <c>ex.SocketErrorCode</c>, <c>ex.Status</c> of a WebException, <c>ex.HttpRequestError</c>:
    /// every value of these System.Net enums is a kind of transport failure, which a chain fails over on.
    /// </summary>
    private bool NetworkErrorKindOf(IOperation operation) =>
        Unwrap(operation) is IPropertyReferenceOperation { Instance: { } instance, Type: { TypeKind: TypeKind.Enum } type }
        && IsTheException(instance)
        && type.ContainingNamespace?.ToDisplayString() is "System.Net" or "System.Net.Sockets" or "System.Net.WebSockets" or "System.Net.Http";

    private bool IsTheException(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation local => _exception.Contains(local.Local),
        IParameterReferenceOperation parameter => _exception.Contains(parameter.Parameter.OriginalDefinition),
        IPropertyReferenceOperation { Property.Name: "InnerException", Instance: { } instance } => IsTheException(instance),
        IInvocationOperation { TargetMethod.Name: "GetBaseException", Instance: { } instance } => IsTheException(instance),
        _ => false,
    };

    private bool MentionsTheException(IOperation operation) =>
        operation.DescendantsAndSelf().Any(o => (o is ILocalReferenceOperation local && _exception.Contains(local.Local))
            || (o is IParameterReferenceOperation parameter && _exception.Contains(parameter.Parameter.OriginalDefinition)));

    /// <summary>
    /// A timeout source made in this method (<c>cts.IsCancellationRequested</c> for a local CancellationTokenSource)
    /// is a provider timeout, not the caller giving up; a token parameter or field is the caller's or the host's.
    /// </summary>
    private static bool IsCancellationOfALocalSource(IPropertyReferenceOperation cancellation) =>
        cancellation.Property.ContainingType?.Name == "CancellationTokenSource" && Unwrap(cancellation.Instance!) is ILocalReferenceOperation;

    private bool IsEligibilityCheck(IOperation operation) =>
        Unwrap(operation) is IInvocationOperation invocation
        && invocation.TargetMethod.Name == "IsFailoverEligible"
        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _symbols.FailoverErrors);

    private static bool IsFalse(IOperation operation) => Unwrap(operation).ConstantValue is { HasValue: true, Value: false };

    private static int? StatusValue(IOperation operation) =>
        Unwrap(operation).ConstantValue is { HasValue: true, Value: var value } ? value switch
        {
            int number => number,
            _ when value is not null && value.GetType().IsEnum => System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        } : null;

    /// <summary>The variables patterns declare under <paramref name="node"/> (<c>ex is HttpRequestException http</c>): what they hold is the exception.</summary>
    public static IEnumerable<ILocalSymbol> PatternVariables(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        node.DescendantNodes().OfType<SingleVariableDesignationSyntax>()
            .Select(designation => model.GetDeclaredSymbol(designation, cancellationToken))
            .OfType<ILocalSymbol>();

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
