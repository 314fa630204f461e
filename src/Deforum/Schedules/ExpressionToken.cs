namespace Deforum.Schedules;

enum TokenKind { Number, Identifier, Operator, LeftParen, RightParen, Comma, End }

/// <summary>One lexical unit of an expression with its offset inside the expression text.</summary>
readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position, double Number = 0);
