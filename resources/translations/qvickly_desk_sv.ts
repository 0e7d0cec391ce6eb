<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>ClearButton</name>
    <message>
        <source>Clear the field</source>
        <translation>Töm fältet</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Use the service&apos;s &amp;test mode</source>
        <translation>Använd tjänstens &amp;testläge</translation>
    </message>
    <message>
        <source>Test mode</source>
        <translation>Testläge</translation>
    </message>
    <message>
        <source>Language of the service&apos;s messages</source>
        <translation>Språk för tjänstens meddelanden</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Avancerat</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>Avancerade inställningar</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API-adress</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Stan&amp;dard</translation>
    </message>
    <message>
        <source>Reset the API address to the default</source>
        <translation>Återställ API-adressen till standard</translation>
    </message>
    <message>
        <source>API add&amp;ress:</source>
        <translation>A&amp;PI-adress:</translation>
    </message>
    <message>
        <source>Connect timeout in seconds</source>
        <translation>Tidsgräns för anslutning i sekunder</translation>
    </message>
    <message>
        <source>C&amp;onnect timeout:</source>
        <translation>Tidsgräns för ansl&amp;utning:</translation>
    </message>
    <message>
        <source>Read timeout in seconds</source>
        <translation>Tidsgräns för svar i sekunder</translation>
    </message>
    <message>
        <source>R&amp;ead timeout:</source>
        <translation>Tidsgräns för s&amp;var:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Language of the service&apos;s messages:</source>
        <translation>&amp;Språk för tjänstens meddelanden:</translation>
    </message>
    <message>
        <source>Set by %1 in the environment, which takes precedence over the value saved here.</source>
        <translation>Satt av %1 i miljön, som går före värdet som sparas här.</translation>
    </message>
    <message>
        <source>These settings are set in the environment, which takes precedence over the settings saved here, so they cannot be changed here: %1</source>
        <translation>De här inställningarna är satta i miljön, som går före inställningarna som sparas här, och kan därför inte ändras här: %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <source>Qvickly Desk ran into an error it did not expect. It is still running, so you can go on working. If this happens again, copy the details and send them to support: they say where in the program it happened, with personal numbers masked and no secret key.</source>
        <translation>Qvickly Desk råkade ut för ett fel som inte var väntat. Programmet körs fortfarande, så du kan arbeta vidare. Om det händer igen, kopiera detaljerna och skicka dem till support: de visar var i programmet det hände, med personnummer maskerade och utan hemlig nyckel.</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Visa &amp;detaljer</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Kopiera detaljer</translation>
    </message>
    <message>
        <source>Copy the details for support to the clipboard</source>
        <translation>Kopiera detaljerna för support till urklipp</translation>
    </message>
    <message numerus="yes">
        <source>%n more different error(s)</source>
        <translation>
            <numerusform>%Ln annat fel till</numerusform>
            <numerusform>%Ln andra fel till</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>Dölj &amp;detaljer</translation>
    </message>
    <message numerus="yes">
        <source>(%n times)</source>
        <translation>
            <numerusform>(%Ln gång)</numerusform>
            <numerusform>(%Ln gånger)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credentials and connection</source>
        <translation>Inloggning och anslutning</translation>
    </message>
    <message>
        <source>Demo mode uses the sandbox&apos;s built-in credentials. Changes made here last until the program closes.</source>
        <translation>Demoläget använder sandlådans inbyggda inloggningsuppgifter. Ändringar här gäller tills programmet stängs.</translation>
    </message>
    <message>
        <source>Test co&amp;nnection</source>
        <translation>T&amp;esta anslutningen</translation>
    </message>
    <message>
        <source>Looks up the service&apos;s test person in test mode with the values above.</source>
        <translation>Slår upp tjänstens testperson i testläge med värdena ovan.</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testresultat</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <source>The settings could not be written: %1</source>
        <translation>Inställningarna kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Enter the secret key that belongs to the new store ID.</source>
        <translation>Ange den hemliga nyckel som hör till det nya butiks-id:t.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Testar anslutningen…</translation>
    </message>
    <message>
        <source>Connection works: 1 invoice for the test person.</source>
        <translation>Anslutningen fungerar: 1 faktura för testpersonen.</translation>
    </message>
    <message>
        <source>Connection works: %1 invoices for the test person.</source>
        <translation>Anslutningen fungerar: %1 fakturor för testpersonen.</translation>
    </message>
    <message>
        <source>(log id %1)</source>
        <translation>(logg-id %1)</translation>
    </message>
    <message>
        <source>Connection test failed: %1</source>
        <translation>Anslutningstestet misslyckades: %1</translation>
    </message>
    <message>
        <source>Enter the secret key.</source>
        <translation>Ange den hemliga nyckeln.</translation>
    </message>
    <message>
        <source>Enter the secret key to test the connection.</source>
        <translation>Ange den hemliga nyckeln för att testa anslutningen.</translation>
    </message>
</context>
<context>
    <name>CredentialsForm</name>
    <message>
        <source>QVICKLY_EID and QVICKLY_SECRET are set in the environment; they take precedence over the credentials stored here.</source>
        <translation>QVICKLY_EID och QVICKLY_SECRET är satta i miljön; de går före inloggningsuppgifterna som sparas här.</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Hemlig nyckel</translation>
    </message>
    <message>
        <source>The store ID and the secret key come from Qvickly with your company&apos;s agreement: ask whoever manages your Qvickly account. To try Qvickly Desk without them, start it with --demo.</source>
        <translation>Butiks-id och hemlig nyckel kommer från Qvickly genom ert företags avtal: fråga den som sköter ert Qvickly-konto. Vill du prova Qvickly Desk utan dem, starta programmet med --demo.</translation>
    </message>
    <message>
        <source>Store ID</source>
        <translation>Butiks-id</translation>
    </message>
    <message>
        <source>&amp;Store ID:</source>
        <translation>&amp;Butiks-id:</translation>
    </message>
    <message>
        <source>Secret &amp;key:</source>
        <translation>Hemlig &amp;nyckel:</translation>
    </message>
    <message>
        <source>Stored — leave empty to keep</source>
        <translation>Sparad — lämna tomt för att behålla</translation>
    </message>
    <message>
        <source>A secret key is stored. Leave the field empty to keep it.</source>
        <translation>En hemlig nyckel är sparad. Lämna fältet tomt för att behålla den.</translation>
    </message>
</context>
<context>
    <name>CustomerChooser</name>
    <message>
        <source>Choose the customer</source>
        <translation>Välj kunden</translation>
    </message>
    <message>
        <source>Type to narrow: street, city, number…</source>
        <translation>Skriv för att smalna av: gata, ort, nummer…</translation>
    </message>
    <message>
        <source>Narrow the customers</source>
        <translation>Smalna av kunderna</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) match “%1”. Arrows and Enter pick one.</source>
        <translation>
            <numerusform>%Ln kund matchar ”%1”. Välj med pilarna och Enter.</numerusform>
            <numerusform>%Ln kunder matchar ”%1”. Välj med pilarna och Enter.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1.</source>
        <translation>Visar %1.</translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message>
        <source>Sent and paid</source>
        <translation>Skickade och betalda</translation>
    </message>
    <message>
        <source>Sent only</source>
        <translation>Bara skickade</translation>
    </message>
    <message>
        <source>Paid only</source>
        <translation>Bara betalda</translation>
    </message>
    <message>
        <source>Unknown name</source>
        <translation>Okänt namn</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>kund %1</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%Ln faktura</numerusform>
            <numerusform>%Ln fakturor</numerusform>
        </translation>
    </message>
    <message>
        <source>no invoices</source>
        <translation>inga fakturor</translation>
    </message>
    <message>
        <source>asked for: %1</source>
        <translation>sökt: %1</translation>
    </message>
    <message>
        <source>Earlier search (%1): %2 — press Enter to search the field</source>
        <translation>Tidigare sökning (%1): %2 — tryck Enter för att söka på fältet</translation>
    </message>
</context>
<context>
    <name>CustomerModel</name>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <source>Postcode and city</source>
        <translation>Postnummer och ort</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundnummer</translation>
    </message>
    <message>
        <source>Identity number</source>
        <translation>Person-/organisationsnummer</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Select an invoice to see its details.</source>
        <translation>Välj en faktura för att se detaljerna.</translation>
    </message>
    <message>
        <source>Loading the details…</source>
        <translation>Hämtar detaljerna…</translation>
    </message>
    <message>
        <source>Invoice details</source>
        <translation>Fakturadetaljer</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Försök igen</translation>
    </message>
    <message>
        <source>Select the related invoice (Ctrl+J)</source>
        <translation>Välj den relaterade fakturan (Ctrl+J)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Open this invoice&apos;s PDF</source>
        <translation>Öppna fakturans PDF</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Kopiera adress</translation>
    </message>
    <message>
        <source>Copy e-mail</source>
        <translation>Kopiera e-post</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Kopiera detaljer</translation>
    </message>
    <message>
        <source>The whole details as text, for an e-mail</source>
        <translation>Alla detaljer som text, för ett e-brev eller ärende</translation>
    </message>
    <message>
        <source>Select the related invoice (credit or original)</source>
        <translation>Välj den relaterade fakturan (kredit eller original)</translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation>Faktura %1</translation>
    </message>
    <message>
        <source>credit to the customer %1</source>
        <translation>kunden har tillgodo %1</translation>
    </message>
    <message>
        <source>balance due %1</source>
        <translation>saldo att betala %1</translation>
    </message>
    <message>
        <source>The details could not be loaded: %1</source>
        <translation>Detaljerna kunde inte hämtas: %1</translation>
    </message>
    <message>
        <source>Related: %1</source>
        <translation>Relaterad: %1</translation>
    </message>
    <message>
        <source>No related invoice</source>
        <translation>Ingen relaterad faktura</translation>
    </message>
</context>
<context>
    <name>FindFlow</name>
    <message>
        <source>&amp;Details pane</source>
        <translation>&amp;Detaljpanel</translation>
    </message>
    <message>
        <source>No details are available for invoice %1.</source>
        <translation>Det finns inga detaljer för faktura %1.</translation>
    </message>
    <message>
        <source>Invoice %1 is %2&apos;s, but not among the statuses asked for: tick Sent and Paid to see it.</source>
        <translation>Faktura %1 är %2s, men inte bland de statusar som söktes: kryssa i Skickade och Betalda för att se den.</translation>
    </message>
    <message>
        <source>No customer&apos;s name matches “%1”.</source>
        <translation>Ingen kunds namn matchar ”%1”.</translation>
    </message>
</context>
<context>
    <name>InvoiceCommands</name>
    <message>
        <source>Select an invoice to open its PDF.</source>
        <translation>Välj en faktura för att öppna dess PDF.</translation>
    </message>
    <message>
        <source>This invoice has no PDF link.</source>
        <translation>Fakturan har ingen PDF-länk.</translation>
    </message>
    <message>
        <source>Open the invoice&apos;s PDF in the browser (Ctrl+O)</source>
        <translation>Öppna fakturans PDF i webbläsaren (Ctrl+O)</translation>
    </message>
    <message>
        <source>Invoice %1 has no PDF link.</source>
        <translation>Faktura %1 har ingen PDF-länk.</translation>
    </message>
    <message>
        <source>No program on this computer opens web links, so the PDF was not opened.</source>
        <translation>Inget program på datorn öppnar webblänkar, så PDF:en öppnades inte.</translation>
    </message>
    <message>
        <source>invoices</source>
        <translation>fakturor</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportera CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Filen kunde inte skrivas: %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Exporten misslyckades</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln faktura exporterad till %1.</numerusform>
            <numerusform>%Ln fakturor exporterade till %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoiceStatus</name>
    <message>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Betald</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Makulerad</translation>
    </message>
    <message>
        <source>Factoring</source>
        <translation>Factoring</translation>
    </message>
    <message>
        <source>Part payment</source>
        <translation>Delbetalning</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Under handläggning</translation>
    </message>
    <message>
        <source>E-invoice sent</source>
        <translation>E-faktura skickad</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <source>Overdue · %1</source>
        <translation>Förfallen · %1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Förfallen</translation>
    </message>
    <message>
        <source>No PDF link for this invoice</source>
        <translation>Fakturan har ingen PDF-länk</translation>
    </message>
    <message>
        <source>This link is not http or https and will not be opened</source>
        <translation>Länken är inte http eller https och öppnas inte</translation>
    </message>
    <message>
        <source>Past its due date (%1) with %2 still to pay</source>
        <translation>Förföll %1 med %2 kvar att betala</translation>
    </message>
    <message>
        <source>PDF available</source>
        <translation>PDF finns</translation>
    </message>
    <message>
        <source>No PDF</source>
        <translation>Ingen PDF</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Inget datum</translation>
    </message>
</context>
<context>
    <name>InvoiceTableView</name>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Qvickly Desk</source>
        <translation>Qvickly Desk</translation>
    </message>
    <message>
        <source>%1 — Demo</source>
        <translation>%1 — Demo</translation>
    </message>
    <message>
        <source>F&amp;ilter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Number, name or status</source>
        <translation>Nummer, namn eller status</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>Snabbfilter</translation>
    </message>
    <message>
        <source>Show only invoices containing this text (Ctrl+F)</source>
        <translation>Visa bara fakturor som innehåller texten (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Open PDF</source>
        <translation>Öppna &amp;PDF</translation>
    </message>
    <message>
        <source>The search was cancelled.</source>
        <translation>Sökningen avbröts.</translation>
    </message>
    <message>
        <source>No invoices for %1.</source>
        <translation>Inga fakturor för %1.</translation>
    </message>
    <message>
        <source>None of these invoices has a PDF link.</source>
        <translation>Ingen av de här fakturorna har någon PDF-länk.</translation>
    </message>
    <message>
        <source>Credentials…</source>
        <translation>Inloggningsuppgifter…</translation>
    </message>
    <message>
        <source>Qvickly asked us to wait; trying again in %1 s.</source>
        <translation>Qvickly bad oss vänta; försöker igen om %1 s.</translation>
    </message>
    <message>
        <source>This computer has no working password store, so Qvickly Desk cannot keep your store ID and secret key. Ask IT to set one up (a keyring), then enter them under Settings → Credentials and connection. To try the program meanwhile, start it with --demo.</source>
        <translation>Datorn har ingen fungerande lösenordslagring, så Qvickly Desk kan inte spara ditt butiks-id och din hemliga nyckel. Be IT att ordna en (en nyckelring) och ange dem sedan under Inställningar → Inloggning och anslutning. Vill du prova programmet under tiden, starta det med --demo.</translation>
    </message>
    <message>
        <source>Credentials cannot be kept on this computer</source>
        <translation>Inloggningsuppgifterna kan inte sparas på den här datorn</translation>
    </message>
    <message>
        <source>The language changes when Qvickly Desk is started again.</source>
        <translation>Språket byts när Qvickly Desk startas nästa gång.</translation>
    </message>
</context>
<context>
    <name>MessageArea</name>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Stäng meddelandet</translation>
    </message>
    <message>
        <source>Credentials refused</source>
        <translation>Inloggningen nekades</translation>
    </message>
    <message>
        <source>Qvickly reported an error</source>
        <translation>Qvickly svarade med ett fel</translation>
    </message>
    <message>
        <source>Answer rejected</source>
        <translation>Svaret underkändes</translation>
    </message>
    <message>
        <source>Credentials needed</source>
        <translation>Inloggningsuppgifter behövs</translation>
    </message>
    <message>
        <source>Keyring not available</source>
        <translation>Nyckelringen går inte att använda</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>Inget svar i tid</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Ingen anslutning</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>Säker anslutning misslyckades</translation>
    </message>
    <message>
        <source>Redirect refused</source>
        <translation>Omdirigering stoppad</translation>
    </message>
    <message>
        <source>Server trouble</source>
        <translation>Problem hos servern</translation>
    </message>
    <message>
        <source>Not a Qvickly answer</source>
        <translation>Inget Qvickly-svar</translation>
    </message>
    <message>
        <source>Answer cut off</source>
        <translation>Svaret bröts av</translation>
    </message>
    <message>
        <source>Answer too large</source>
        <translation>Svaret var för stort</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Länken öppnades inte</translation>
    </message>
    <message>
        <source>Check the input</source>
        <translation>Kontrollera uppgiften</translation>
    </message>
    <message>
        <source>The search failed</source>
        <translation>Sökningen misslyckades</translation>
    </message>
</context>
<context>
    <name>ModeBadge</name>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Demo mode: the built-in sandbox with made-up customers; nothing is real.</source>
        <translation>Demoläge: den inbyggda sandlådan med påhittade kunder; inget är på riktigt.</translation>
    </message>
    <message>
        <source>Test mode</source>
        <translation>Testläge</translation>
    </message>
    <message>
        <source>Calls are made in the service&apos;s test mode.</source>
        <translation>Anropen görs i tjänstens testläge.</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Personal or organisation &amp;number:</source>
        <translation>Person- eller organisations&amp;nummer:</translation>
    </message>
    <message>
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <source>Personal or organisation number</source>
        <translation>Person- eller organisationsnummer</translation>
    </message>
    <message>
        <source>Personnummer, samordningsnummer or organisation number; 10 or 12 digits</source>
        <translation>Personnummer, samordningsnummer eller organisationsnummer; 10 eller 12 siffror</translation>
    </message>
    <message>
        <source>Search by this (Ctrl+%1)</source>
        <translation>Sök på detta (Ctrl+%1)</translation>
    </message>
    <message>
        <source>Search by: %1</source>
        <translation>Sök på: %1</translation>
    </message>
    <message>
        <source>&amp;Sent</source>
        <translation>&amp;Skickade</translation>
    </message>
    <message>
        <source>Open invoices: created or sent, not yet paid</source>
        <translation>Öppna fakturor: skapade eller skickade, ännu inte betalda</translation>
    </message>
    <message>
        <source>&amp;Paid</source>
        <translation>&amp;Betalda</translation>
    </message>
    <message>
        <source>Paid and cancelled invoices</source>
        <translation>Betalda och makulerade fakturor</translation>
    </message>
    <message>
        <source>Sea&amp;rch</source>
        <translation>S&amp;ök</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Stop the search (Esc)</source>
        <translation>Avbryt sökningen (Esc)</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>Söker</translation>
    </message>
    <message>
        <source>Tick Sent, Paid or both.</source>
        <translation>Kryssa i Skickade, Betalda eller båda.</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Fakturanummer</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundnummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Personal/org. number</source>
        <translation>Person-/org.nummer</translation>
    </message>
    <message>
        <source>Invoice &amp;number:</source>
        <translation>Faktura&amp;nummer:</translation>
    </message>
    <message>
        <source>Customer &amp;number:</source>
        <translation>Kund&amp;nummer:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>e.g. 1004</source>
        <translation>t.ex. 1004</translation>
    </message>
    <message>
        <source>The merchant&apos;s customer number</source>
        <translation>Butikens kundnummer</translation>
    </message>
    <message>
        <source>Full or partial name</source>
        <translation>Hela eller en del av namnet</translation>
    </message>
    <message>
        <source>%1 looks like an invoice number — %2</source>
        <translation>%1 ser ut som ett fakturanummer — %2</translation>
    </message>
    <message>
        <source>%1 looks like a name — %2</source>
        <translation>%1 ser ut som ett namn — %2</translation>
    </message>
    <message>
        <source>%1 looks like a personal or organisation number — %2</source>
        <translation>%1 ser ut som ett person- eller organisationsnummer — %2</translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation>Organisationsnummer</translation>
    </message>
    <message>
        <source>Coordination number</source>
        <translation>Samordningsnummer</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>Search (Enter)</source>
        <translation>Sök (Enter)</translation>
    </message>
</context>
<context>
    <name>ShortcutOverview</name>
    <message>
        <source>Search for the number typed</source>
        <translation>Sök på numret som skrivits</translation>
    </message>
    <message>
        <source>Enter in the number field</source>
        <translation>Enter i nummerfältet</translation>
    </message>
    <message>
        <source>Open the selected invoice&apos;s PDF</source>
        <translation>Öppna den valda fakturans PDF</translation>
    </message>
    <message>
        <source>Enter in the table, double-click</source>
        <translation>Enter i tabellen, dubbelklick</translation>
    </message>
    <message>
        <source>Open the only row the filter left</source>
        <translation>Öppna den enda rad filtret lämnat</translation>
    </message>
    <message>
        <source>Enter in the filter</source>
        <translation>Enter i filtret</translation>
    </message>
    <message>
        <source>Cancel a running search</source>
        <translation>Avbryt en pågående sökning</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Menu for the current row</source>
        <translation>Meny för den aktuella raden</translation>
    </message>
    <message>
        <source>Menu key, Shift+F10</source>
        <translation>Menytangenten, Skift+F10</translation>
    </message>
    <message>
        <source>Menus</source>
        <translation>Menyer</translation>
    </message>
    <message>
        <source>Alt and the underlined letter</source>
        <translation>Alt och den understrukna bokstaven</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tangenter</translation>
    </message>
</context>
<context>
    <name>SummaryLine</name>
    <message>
        <source>Searching…</source>
        <translation>Söker…</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%Ln faktura</numerusform>
            <numerusform>%Ln fakturor</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>Visar %1 av %2</translation>
    </message>
    <message>
        <source>all: %1</source>
        <translation>alla: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%Ln öppen</numerusform>
            <numerusform>%Ln öppna</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%Ln förfallen</numerusform>
            <numerusform>%Ln förfallna</numerusform>
        </translation>
    </message>
    <message>
        <source>Balance due %1</source>
        <translation>Saldo att betala %1</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open PDF</source>
        <translation>Öppna &amp;PDF</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportera CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>&amp;Kopiera rader</translation>
    </message>
    <message>
        <source>Copy invoice &amp;number</source>
        <translation>Kopiera faktura&amp;nummer</translation>
    </message>
    <message>
        <source>Copy PDF &amp;link</source>
        <translation>Kopiera PDF-&amp;länk</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Filtrera</translation>
    </message>
    <message>
        <source>Go to the &amp;number field</source>
        <translation>Gå till &amp;sökfältet</translation>
    </message>
    <message>
        <source>&amp;Credentials and connection…</source>
        <translation>&amp;Inloggning och anslutning…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Kortkommandon</translation>
    </message>
    <message>
        <source>&amp;About Qvickly Desk</source>
        <translation>&amp;Om Qvickly Desk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Om &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>&amp;Systemets språk</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Inställningar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;Sort by</source>
        <translation>&amp;Sortera efter</translation>
    </message>
    <message>
        <source>Qvickly Desk %1</source>
        <translation>Qvickly Desk %1</translation>
    </message>
    <message>
        <source>Looks up a customer&apos;s Qvickly invoices by personal or organisation number.</source>
        <translation>Slår upp en kunds Qvickly-fakturor med person- eller organisationsnummer.</translation>
    </message>
    <message>
        <source>About Qvickly Desk</source>
        <translation>Om Qvickly Desk</translation>
    </message>
</context>
<context>
    <name>_RowProblemTexts</name>
    <message numerus="yes">
        <source>%n row(s) of the answer could not be read and are not shown.</source>
        <translation>
            <numerusform>%Ln rad i svaret kunde inte läsas och visas inte.</numerusform>
            <numerusform>%Ln rader i svaret kunde inte läsas och visas inte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) had a text cut short; they are shown.</source>
        <translation>
            <numerusform>%Ln faktura hade en text som kortades; den visas.</numerusform>
            <numerusform>%Ln fakturor hade en text som kortades; de visas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some invoices are missing</source>
        <translation>Några fakturor saknas</translation>
    </message>
    <message>
        <source>Some texts were cut</source>
        <translation>Några texter kortades</translation>
    </message>
</context>
</TS>
