using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace FailoverGen.Analyzers;

/// <summary>
/// Whether a catch hands the exception on instead of swallowing it: stores it where code after the catch reads it (a
/// router keeping the last error, an out parameter, a result object), gives it to someone (a TaskCompletionSource,
/// <c>Task.FromException</c>, a channel, an observer), returns it, or throws right after the try. Writing it to a
/// log is not handing it on: the caller still gets a result that hides the failure.
/// </summary>
internal static class HandedOnExceptions
{
    /// <summary>Namespaces whose methods only record an exception: logging, tracing and text formatting.</summary>
    private static readonly string[] RecordingNamespaces =
    {
        "Microsoft.Extensions.Logging", "System.Diagnostics", "Serilog", "NLog", "log4net", "System.Text", "System.IO",
    };

    /// <summary>Method-name prefixes of the usual logging helpers (<c>LogError(ex)</c>, <c>WriteWarning(ex)</c>).</summary>
    private static readonly string[] RecordingPrefixes = { "Log", "Trace", "Write", "Print", "Debug", "Warn", "Info" };

    public static bool HandsOn(SemanticModel model, CatchClauseSyntax clause, IReadOnlyCollection<ILocalSymbol> exception, System.Threading.CancellationToken cancellationToken)
    {
        if (exception.Count > 0 && model.GetOperation(clause.Block, cancellationToken) is { } block)
        {
            var variables = new HashSet<ILocalSymbol>(exception, SymbolEqualityComparer.Default);
            if (block.Descendants().OfType<ILocalReferenceOperation>().Any(reference => variables.Contains(reference.Local) && LeavesTheCatch(reference, block)))
            {
                return true;
            }
        }

        return ThrowsRightAfterTheTry(clause);
    }

    /// <summary>
    /// Follows the exception up through what wraps it (a new exception, a result object, a tuple) or what is taken
    /// from it (its message) to where it goes. Stored outside the catch, either way, it is handed on: the code after
    /// the catch decides. Returned or passed on, only the exception itself is: a returned message is a result that
    /// looks like success.
    /// </summary>
    private static bool LeavesTheCatch(IOperation reference, IOperation block)
    {
        IOperation value = reference;
        bool derived = false;
        for (IOperation? parent = value.Parent; parent is not null && parent != block; value = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation or IConditionalOperation or ICoalesceOperation
                    or IObjectCreationOperation or IAnonymousObjectCreationOperation or ITupleOperation or IArrayCreationOperation
                    or IArrayInitializerOperation or IObjectOrCollectionInitializerOperation or IMemberInitializerOperation:
                    continue;
                case IPropertyReferenceOperation property when property.Instance == value:
                    derived |= !IsException(property.Type);
                    continue;
                case IInvocationOperation call when call.Instance == value:
                    derived |= !IsException(call.Type);
                    continue;
                case IInterpolationOperation or IInterpolatedStringOperation or IBinaryOperation:
                    derived = true;
                    continue;
                case IArgumentOperation argument:
                    if (argument.Parent is IInvocationOperation invocation)
                    {
                        return !derived && !OnlyRecords(invocation.TargetMethod);
                    }

                    continue;
                case ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation }:
                    // A member of an object being built (new Result { Error = ex }): where the object goes decides.
                    value = parent.Parent;
                    parent = value.Parent;
                    if (parent is IObjectCreationOperation or IAnonymousObjectCreationOperation)
                    {
                        continue;
                    }

                    return false;
                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    return !IsLocalOfTheCatch(assignment.Target, block) && !(derived && IsDecision(assignment.Target.Type));
                case IReturnOperation:
                    return !derived;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Logging, tracing and formatting only record the exception; so do a callback or an event raised with it
    /// (<c>onError?.Invoke(ex)</c>): the caller still gets a result that hides the failure.
    /// </summary>
    private static bool OnlyRecords(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return true;
        }

        string ns = method.ContainingNamespace?.ToDisplayString() ?? "";
        return RecordingNamespaces.Any(prefix => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            || RecordingPrefixes.Any(prefix => method.Name.StartsWith(prefix, StringComparison.Ordinal))
            || (ns == "System" && method.ContainingType?.Name is "String" or "Console" or "Convert");
    }

    /// <summary><c>retry = e.Status == 404;</c> stores a decision about the error, not the error: the loop's guard reads it.</summary>
    private static bool IsDecision(ITypeSymbol? type) =>
        type is { SpecialType: SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 } || type?.TypeKind == TypeKind.Enum;

    private static bool IsLocalOfTheCatch(IOperation target, IOperation block) =>
        target is ILocalReferenceOperation local
        && local.Local.DeclaringSyntaxReferences.Any(r => block.Syntax.Span.Contains(r.Span));

    private static bool IsException(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() is "System.Exception" or "System.Runtime.ExceptionServices.ExceptionDispatchInfo")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>catch { failed = true; }</c> followed by <c>if (failed) throw …;</c> or a plain <c>throw</c>: the failure
    /// still leaves the method as an exception once the try is done.
    /// </summary>
    private static bool ThrowsRightAfterTheTry(CatchClauseSyntax clause)
    {
        if (clause.Parent is not TryStatementSyntax { Parent: BlockSyntax enclosing } tryStatement)
        {
            return false;
        }

        int index = enclosing.Statements.IndexOf(tryStatement);
        StatementSyntax? next = index >= 0 && index + 1 < enclosing.Statements.Count ? enclosing.Statements[index + 1] : null;
        return next switch
        {
            ThrowStatementSyntax => true,
            IfStatementSyntax { Else: null } guard => Throws(guard.Statement) && clause.Block.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                .Any(assignment => assignment.Left is IdentifierNameSyntax name && guard.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == name.Identifier.ValueText)),
            _ => false,
        };
    }

    private static bool Throws(StatementSyntax statement) => statement switch
    {
        ThrowStatementSyntax => true,
        BlockSyntax block => block.Statements.LastOrDefault() is ThrowStatementSyntax,
        _ => false,
    };
}
