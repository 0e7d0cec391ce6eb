<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CrashDialog</name>
    <message numerus="yes">
        <source>%n more different error(s)</source>
        <translation>
            <numerusform>%Ln more different error</numerusform>
            <numerusform>%Ln more different errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n times)</source>
        <translation>
            <numerusform>(%Ln time)</numerusform>
            <numerusform>(%Ln times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerChooser</name>
    <message numerus="yes">
        <source>%n customer(s) match “%1”. Arrows and Enter pick one.</source>
        <translation>
            <numerusform>%Ln customer matches “%1”. Arrows and Enter pick one.</numerusform>
            <numerusform>%Ln customers match “%1”. Arrows and Enter pick one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%Ln invoice</numerusform>
            <numerusform>%Ln invoices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoiceCommands</name>
    <message numerus="yes">
        <source>%n invoice(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln invoice exported to %1.</numerusform>
            <numerusform>%Ln invoices exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryLine</name>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%Ln invoice</numerusform>
            <numerusform>%Ln invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%Ln open</numerusform>
            <numerusform>%Ln open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%Ln overdue</numerusform>
            <numerusform>%Ln overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_RowProblemTexts</name>
    <message numerus="yes">
        <source>%n row(s) of the answer could not be read and are not shown.</source>
        <translation>
            <numerusform>%Ln row of the answer could not be read and is not shown.</numerusform>
            <numerusform>%Ln rows of the answer could not be read and are not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) had a text cut short; they are shown.</source>
        <translation>
            <numerusform>%Ln invoice had a text cut short; it is shown.</numerusform>
            <numerusform>%Ln invoices had a text cut short; they are shown.</numerusform>
        </translation>
    </message>
</context>
</TS>
