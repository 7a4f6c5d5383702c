extension Product {
    /// The one declaration of the product's system fields, in Bitrix24's order.
    public static let schema = EntitySchema<Product>(
        .product,
        [
            .field("ACTIVE", item: nil, .char, \.isActive, title: "Active", it: "Attivo"),
            .field("CATALOG_ID", item: nil, .integer, \.catalogID, title: "Catalog identifier", it: "ID blocco di informazioni"),
            .field("CREATED_BY", item: nil, .integer, \.createdBy, title: "Created by", it: "Creato da"),
            .field("CURRENCY_ID", item: nil, .string, \.currencyID, title: "Currency identifier", it: "Valuta"),
            .field("DATE_CREATE", item: nil, .datetime, \.createdTime, title: "Product creation date", it: "Creato il"),
            .field("DESCRIPTION", item: nil, .string, \.description, title: "Description", it: "Descrizione dettagliata"),
            .field("DESCRIPTION_TYPE", item: nil, .string, \.descriptionType, title: "Description type"),
            .field("DETAIL_PICTURE", item: nil, .productFile, \.detailPicture, title: "Detailed picture"),
            .field("ID", item: nil, .integer, \.id, title: "Product identifier", it: "ID"),
            .field("MEASURE", item: nil, .integer, \.measure, title: "Unit of measure"),
            .field("MODIFIED_BY", item: nil, .integer, \.updatedBy, title: "Modified by", it: "Modificato da"),
            .field("NAME", item: nil, .string, \.name, [.required], title: "Name", it: "Nome"),
            .field("PREVIEW_PICTURE", item: nil, .productFile, \.previewPicture, title: "Preview picture"),
            .field("PRICE", item: nil, .double, \.price, title: "Price", it: "Prezzo"),
            .field("SECTION_ID", item: nil, .integer, \.sectionID, title: "Section identifier", it: "Sezioni"),
            .field("SORT", item: nil, .integer, \.sort, title: "Sort order", it: "Indice di ordinamento"),
            .field("TIMESTAMP_X", item: nil, .datetime, \.updatedTime, title: "Product modification date", it: "Modificato il"),
            .field("VAT_ID", item: nil, .integer, \.vatID, title: "VAT rate identifier"),
            .field("VAT_INCLUDED", item: nil, .char, \.isVATIncluded, title: "VAT included in price"),
            .field("XML_ID", item: nil, .string, \.xmlID, title: "External code", it: "ID esterno"),
            .field("PREVIEW_TEXT", item: nil, .string, \.previewText, legacy: false, title: "Preview text", it: "Anteprima del testo"),
        ]
    )
}
