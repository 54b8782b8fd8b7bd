#include "domain/money.h"

#include <QHash>

#include <cmath>

namespace core {

QString Money::symbol(const QString& currency)
{
    static const QHash<QString, QString> symbols{
        {QStringLiteral("USD"), QStringLiteral("$")},   {QStringLiteral("EUR"), QStringLiteral("€")},
        {QStringLiteral("GBP"), QStringLiteral("£")},   {QStringLiteral("JPY"), QStringLiteral("¥")},
        {QStringLiteral("CNY"), QStringLiteral("CN¥")}, {QStringLiteral("INR"), QStringLiteral("₹")},
        {QStringLiteral("KRW"), QStringLiteral("₩")},   {QStringLiteral("TRY"), QStringLiteral("₺")},
        {QStringLiteral("RUB"), QStringLiteral("₽")},   {QStringLiteral("BRL"), QStringLiteral("R$")},
        {QStringLiteral("AUD"), QStringLiteral("A$")},  {QStringLiteral("CAD"), QStringLiteral("C$")},
        {QStringLiteral("NZD"), QStringLiteral("NZ$")}, {QStringLiteral("MXN"), QStringLiteral("MX$")},
        {QStringLiteral("ILS"), QStringLiteral("₪")},   {QStringLiteral("PLN"), QStringLiteral("zł")},
    };
    const QString code = currency.trimmed().toUpper();
    return symbols.value(code, code);
}

QString Money::format(double amount, const QString& currency, const QLocale& locale, int decimals)
{
    if (currency.trimmed().isEmpty())
        return locale.toString(amount, 'f', decimals);
    const QString sign = symbol(currency);
    // A code (CHF, SEK) reads better apart from the figure; a symbol sits against it.
    const bool isCode = sign.size() == 3 && sign == currency.trimmed().toUpper();
    if (locale.language() == QLocale::C) {
        // The C locale has no currency pattern: English order, group separators.
        QLocale english(QLocale::English, QLocale::UnitedStates);
        const QString number = english.toString(std::abs(amount), 'f', decimals);
        return (amount < 0 ? QStringLiteral("-") : QString()) + sign + (isCode ? QStringLiteral(" ") : QString()) + number;
    }
    QString text = locale.toCurrencyString(amount, isCode ? sign + QChar(0x00A0) : sign, decimals);
    return text.replace(QChar(0x00A0) + QString(QChar(0x00A0)), QString(QChar(0x00A0)));
}

} // namespace core
