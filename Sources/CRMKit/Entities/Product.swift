public import Foundation

/// A catalog product (`crm.product.*`).
///
/// Every system field of Bitrix24's field list is a typed property; `schema` binds each to its REST
/// code and `crm.item` key. See ``CRMEntity`` for reading and writing fields by code.
public struct Product: CRMEntity {
    public static var entityType: EntityType { .product }

    /// Active (`ACTIVE`).
    public var isActive: Bool = true
    /// Catalog identifier (`CATALOG_ID`).
    public var catalogID: Int64?
    /// Created by (`CREATED_BY`).
    public var createdBy: UserID?
    /// Currency identifier (`CURRENCY_ID`).
    public var currencyID: CurrencyCode?
    /// Product creation date (`DATE_CREATE`).
    public var createdTime: Timestamp?
    /// Description (`DESCRIPTION`).
    public var description: String?
    /// Description type (`DESCRIPTION_TYPE`).
    public var descriptionType: String?
    /// Detailed picture (`DETAIL_PICTURE`).
    public var detailPicture: FileReference?
    /// Product identifier (`ID`).
    public var id: ItemID<Product> = .unassigned
    /// Unit of measure (`MEASURE`).
    public var measure: Int64?
    /// Modified by (`MODIFIED_BY`).
    public var updatedBy: UserID?
    /// Name (`NAME`).
    public var name: String?
    /// Preview picture (`PREVIEW_PICTURE`).
    public var previewPicture: FileReference?
    /// Price (`PRICE`).
    public var price: Decimal?
    /// Section identifier (`SECTION_ID`).
    public var sectionID: Int64?
    /// Sort order (`SORT`).
    public var sort: Int64?
    /// Product modification date (`TIMESTAMP_X`).
    public var updatedTime: Timestamp?
    /// VAT rate identifier (`VAT_ID`).
    public var vatID: Int64?
    /// VAT included in price (`VAT_INCLUDED`).
    public var isVATIncluded: Bool = false
    /// External code (`XML_ID`).
    public var xmlID: String?
    /// Preview text (`PREVIEW_TEXT`).
    public var previewText: String?
    /// User field values by code (`UF_CRM_*`).
    public var customFields: [FieldCode: FieldValue] = [:]

    /// An empty product.
    public init() {}
}
