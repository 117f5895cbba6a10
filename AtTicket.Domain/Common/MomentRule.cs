using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace AtTicket.Domain.Common;

/// <summary>
/// A rule that depends on a moment, written once as <c>(entity, now) =&gt; ...</c>, turned into the
/// filter a query needs for one moment. The moment goes in as a captured value, exactly as if the
/// caller had written the lambda over a local variable, so EF sends it as a parameter (one cached
/// query plan) instead of baking a constant into the SQL.
/// </summary>
public static class MomentRule
{
    public static Expression<Func<T, bool>> At<T>(Expression<Func<T, DateTimeOffset, bool>> rule, DateTimeOffset now)
    {
        var captured = Expression.Field(Expression.Constant(new StrongBox<DateTimeOffset>(now)), nameof(StrongBox<DateTimeOffset>.Value));
        var body = new Substitution(rule.Parameters[1], captured).Visit(rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, rule.Parameters[0]);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }
}
