#include "arg_parser.h"

#include <algorithm>

namespace segctl {

namespace {

QString commandLabel(const CommandSpec& command)
{
    return QStringLiteral("segctl ") + command.displayName();
}

QString helpHint(const CommandSpec& command)
{
    return QStringLiteral("run `%1 --help` for its arguments and options").arg(commandLabel(command));
}

QString listOr(const QStringList& items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + items.last();
}

QString twoColumns(const QList<QPair<QString, QString>>& rows)
{
    qsizetype width = 0;
    for (const auto& r : rows)
        width = std::max(width, r.first.size());
    QString out;
    for (const auto& r : rows)
        out += QStringLiteral("  ") + r.first.leftJustified(width + 3) + r.second + QLatin1Char('\n');
    return out;
}

} // namespace

const OptionSpec* ArgParser::findOption(const QList<OptionSpec>& options, const QString& name)
{
    for (const auto& o : options) {
        if (o.name == name)
            return &o;
    }
    return nullptr;
}

ArgParser::Outcome ArgParser::parse(const CommandSpec& command, const QList<OptionSpec>& options,
                                    const QStringList& tokens)
{
    Outcome out;
    auto fail = [&](const QString& message) {
        out.usageError = message + QStringLiteral(" — ") + helpHint(command);
        return out;
    };

    // --help wins over every other problem on the line.
    for (const QString& t : tokens) {
        if (t == QLatin1String("--"))
            break;
        if (t == QLatin1String("--help") || t == QLatin1String("-h")) {
            out.args.setHelpRequested(true);
            return out;
        }
    }

    bool onlyPositionals = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString& token = tokens.at(i);
        if (!onlyPositionals && token == QLatin1String("--")) {
            onlyPositionals = true;
            continue;
        }
        if (!onlyPositionals && token.startsWith(QLatin1String("--"))) {
            QString name = token.mid(2);
            QString value;
            bool inlineValue = false;
            if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                inlineValue = true;
            }
            const OptionSpec* option = findOption(options, name);
            if (!option)
                return fail(
                    QStringLiteral("unknown option “--%1” for `%2`").arg(name, commandLabel(command)));
            if (option->takesValue()) {
                if (!inlineValue) {
                    if (i + 1 >= tokens.size() || tokens.at(i + 1).startsWith(QLatin1String("--")))
                        return fail(QStringLiteral("--%1 needs a value (%2)").arg(name, option->valueName));
                    value = tokens.at(++i);
                }
                if (!option->choices.isEmpty() && !option->choices.contains(value))
                    return fail(QStringLiteral("“%1” is not a valid value for --%2; use %3")
                                    .arg(value, name, listOr(option->choices)));
            } else if (inlineValue) {
                return fail(QStringLiteral("--%1 takes no value").arg(name));
            }
            if (out.args.isSet(name))
                return fail(QStringLiteral("--%1 was given more than once").arg(name));
            out.args.set(name, value);
            continue;
        }
        if (!onlyPositionals && token.size() > 1 && token.startsWith(QLatin1Char('-')))
            return fail(QStringLiteral("unknown option “%1” for `%2`").arg(token, commandLabel(command)));
        out.args.addPositional(token);
    }

    const auto& given = out.args.positionals();
    if (given.size() < command.positionals.size())
        return fail(QStringLiteral("`%1` needs %2")
                        .arg(commandLabel(command), command.positionals.at(given.size()).name));
    if (given.size() > command.positionals.size())
        return fail(QStringLiteral("unexpected argument “%1” for `%2`")
                        .arg(given.at(command.positionals.size()), commandLabel(command)));
    return out;
}

QString ArgParser::optionLines(const QList<OptionSpec>& options)
{
    QList<QPair<QString, QString>> rows;
    for (const auto& o : options) {
        QString left = QStringLiteral("--") + o.name;
        if (o.name == QLatin1String("help"))
            left = QStringLiteral("-h, --help");
        if (o.takesValue())
            left += QLatin1Char(' ') + (o.choices.isEmpty() ? o.valueName : o.choices.join(QLatin1Char('|')));
        rows.append({left, o.description});
    }
    return twoColumns(rows);
}

QString ArgParser::helpText(const CommandSpec& command, const QList<OptionSpec>& globalOptions)
{
    QString usage = QStringLiteral("Usage: ") + commandLabel(command);
    for (const auto& p : command.positionals)
        usage += QLatin1Char(' ') + p.name;
    usage += QStringLiteral(" [options]\n");

    QString out = usage + QLatin1Char('\n') + command.description.trimmed() + QStringLiteral("\n");
    if (!command.positionals.isEmpty()) {
        QList<QPair<QString, QString>> rows;
        for (const auto& p : command.positionals)
            rows.append({p.name, p.description});
        out += QStringLiteral("\nArguments:\n") + twoColumns(rows);
    }
    if (!command.options.isEmpty())
        out += QStringLiteral("\nOptions:\n") + optionLines(command.options);
    out += QStringLiteral("\nGlobal options:\n") + optionLines(globalOptions);
    if (!command.examples.isEmpty()) {
        out += QStringLiteral("\nExamples:\n");
        for (const auto& e : command.examples)
            out += QStringLiteral("  ") + e + QLatin1Char('\n');
    }
    return out;
}

} // namespace segctl
