extension AdminListView.Row: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "id": { $0.id }, "label": { $0.label }, "cells": { $0.cells }, "hasCheckbox": { $0.hasCheckbox }, "isEditable": { $0.isEditable },
        "versionName": { $0.versionName }, "version": { $0.version }, "was": { $0.was }, "message": { $0.message }, "hasMessage": { $0.hasMessage },
        "columnCount": { $0.columnCount },
    ]
}

extension AdminListView.Cell: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "text": { $0.text }, "isLink": { $0.isLink }, "url": { $0.url }, "isSecondary": { $0.isSecondary }, "isMoment": { $0.isMoment },
        "isImage": { $0.isImage }, "hasImage": { $0.hasImage }, "imageURL": { $0.imageURL }, "imageAlt": { $0.imageAlt },
        "editor": { $0.editor }, "isEditable": { $0.isEditable }, "editorLabel": { $0.editorLabel }, "yourValue": { $0.yourValue },
        "hasYourValue": { $0.hasYourValue },
    ]
}

extension AdminListView.Hidden: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = ["name": { $0.name }, "value": { $0.value }]
}

extension AdminFilterView.Choice: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "value": { $0.value }, "url": { $0.url }, "isSelected": { $0.isSelected },
    ]
}

extension AdminFormFieldView.Option: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = ["value": { $0.value }, "label": { $0.label }, "isSelected": { $0.isSelected }]
}

extension AdminFormFieldView: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "name": { $0.name }, "id": { $0.id }, "label": { $0.label }, "help": { $0.help }, "hasHelp": { $0.hasHelp }, "error": { $0.error },
        "hasError": { $0.hasError }, "isRequired": { $0.isRequired }, "isInput": { $0.isInput }, "inputType": { $0.inputType },
        "value": { $0.value }, "hasValue": { $0.hasValue }, "maxLength": { $0.maxLength }, "hasMaxLength": { $0.hasMaxLength },
        "minimum": { $0.minimum }, "maximum": { $0.maximum }, "hasRange": { $0.hasRange }, "isTextarea": { $0.isTextarea },
        "isSelect": { $0.isSelect }, "isMultiple": { $0.isMultiple }, "options": { $0.options }, "isCheckbox": { $0.isCheckbox },
        "isChecked": { $0.isChecked }, "isPassword": { $0.isPassword }, "isFile": { $0.isFile }, "accept": { $0.accept },
        "hasImage": { $0.hasImage }, "imageURL": { $0.imageURL }, "canClear": { $0.canClear }, "clearName": { $0.clearName },
        "confirmationName": { $0.confirmationName },
        "confirmationID": { $0.confirmationID }, "isReadOnly": { $0.isReadOnly }, "displayValue": { $0.displayValue },
        "isPreformatted": { $0.isPreformatted }, "isTable": { $0.isTable }, "tableHeaders": { $0.tableHeaders },
        "tableRows": { $0.tableRows }, "hasTableRows": { $0.hasTableRows }, "tableEmpty": { $0.tableEmpty },
        "isPlainReadOnly": { $0.isPlainReadOnly }, "yourValue": { $0.yourValue }, "hasYourValue": { $0.hasYourValue },
        "describedBy": { $0.describedBy }, "hasDescribedBy": { $0.hasDescribedBy },
    ]
}

extension AdminListView: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "title": { $0.title }, "listURL": { $0.listURL }, "addURL": { $0.addURL }, "canAdd": { $0.canAdd },
        "addLabel": { $0.addLabel }, "links": { $0.links }, "hasLinks": { $0.hasLinks }, "search": { $0.search },
        "hasSearchFields": { $0.hasSearchFields }, "searchHidden": { $0.searchHidden },
        "resultSummary": { $0.resultSummary }, "clearURL": { $0.clearURL }, "isFiltered": { $0.isFiltered },
        "filters": { $0.filters }, "hasFilters": { $0.hasFilters }, "activeFilterCount": { $0.activeFilterCount },
        "headers": { $0.headers }, "rows": { $0.rows }, "hasRows": { $0.hasRows }, "actions": { $0.actions },
        "hasActions": { $0.hasActions }, "actionURL": { $0.actionURL }, "csrfToken": { $0.csrfToken }, "csrfField": { $0.csrfField },
        "listQuery": { $0.listQuery }, "selectAcrossLabel": { $0.selectAcrossLabel },
        "showSelectAcross": { $0.showSelectAcross }, "pages": { $0.pages }, "hasPages": { $0.hasPages },
        "previousURL": { $0.previousURL }, "hasPrevious": { $0.hasPrevious }, "nextURL": { $0.nextURL },
        "hasNext": { $0.hasNext }, "canEditList": { $0.canEditList }, "editURL": { $0.editURL },
        "editNotice": { $0.editNotice }, "hasEditNotice": { $0.hasEditNotice },
    ]
}

extension AdminListView.Header: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "sortURL": { $0.sortURL }, "isSortable": { $0.isSortable },
        "isSorted": { $0.isSorted }, "isDescending": { $0.isDescending }, "priority": { $0.priority },
        "ariaSort": { $0.ariaSort }, "isSecondary": { $0.isSecondary },
    ]
}

extension AdminListView.Option: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "value": { $0.value }, "label": { $0.label },
    ]
}

extension AdminListView.Link: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "url": { $0.url },
    ]
}

extension AdminPageLink: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "url": { $0.url }, "isCurrent": { $0.isCurrent }, "isGap": { $0.isGap },
    ]
}

extension AdminFilterView: MustacheKeyed {
    static let mustacheKeys: [String: @Sendable (Self) -> Any?] = [
        "label": { $0.label }, "name": { $0.name }, "choices": { $0.choices }, "isDate": { $0.isDate },
        "fromName": { $0.fromName }, "fromValue": { $0.fromValue }, "toName": { $0.toName },
        "toValue": { $0.toValue }, "rangeError": { $0.rangeError }, "hasRangeError": { $0.hasRangeError },
        "valueError": { $0.valueError }, "hasValueError": { $0.hasValueError },
        "rangeHidden": { $0.rangeHidden }, "fromID": { $0.fromID }, "toID": { $0.toID },
        "rangeAction": { $0.rangeAction }, "usesSelect": { $0.usesSelect }, "selectID": { $0.selectID },
    ]
}
