extension AdminListView.Row: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = [
        "id": \.id, "label": \.label, "cells": \.cells, "hasCheckbox": \.hasCheckbox, "isEditable": \.isEditable,
        "versionName": \.versionName, "version": \.version, "was": \.was, "message": \.message, "hasMessage": \.hasMessage,
        "columnCount": \.columnCount,
    ]
}

extension AdminListView.Cell: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = [
        "text": \.text, "isLink": \.isLink, "url": \.url, "isSecondary": \.isSecondary, "isMoment": \.isMoment,
        "isImage": \.isImage, "hasImage": \.hasImage, "imageURL": \.imageURL, "imageAlt": \.imageAlt,
        "editor": \.editor, "isEditable": \.isEditable, "editorLabel": \.editorLabel, "yourValue": \.yourValue,
        "hasYourValue": \.hasYourValue,
    ]
}

extension AdminListView.Hidden: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = ["name": \.name, "value": \.value]
}

extension AdminFilterView.Choice: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = [
        "label": \.label, "value": \.value, "url": \.url, "isSelected": \.isSelected,
    ]
}

extension AdminFormFieldView.Option: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = ["value": \.value, "label": \.label, "isSelected": \.isSelected]
}

extension AdminFormFieldView: MustacheKeyed {
    nonisolated(unsafe) static let mustacheKeys: [String: PartialKeyPath<Self>] = [
        "name": \.name, "id": \.id, "label": \.label, "help": \.help, "hasHelp": \.hasHelp, "error": \.error,
        "hasError": \.hasError, "isRequired": \.isRequired, "isInput": \.isInput, "inputType": \.inputType,
        "value": \.value, "hasValue": \.hasValue, "maxLength": \.maxLength, "hasMaxLength": \.hasMaxLength,
        "minimum": \.minimum, "maximum": \.maximum, "hasRange": \.hasRange, "isTextarea": \.isTextarea,
        "isSelect": \.isSelect, "isMultiple": \.isMultiple, "options": \.options, "isCheckbox": \.isCheckbox,
        "isChecked": \.isChecked, "isPassword": \.isPassword, "isFile": \.isFile, "accept": \.accept,
        "hasImage": \.hasImage, "imageURL": \.imageURL, "confirmationName": \.confirmationName,
        "confirmationID": \.confirmationID, "isReadOnly": \.isReadOnly, "displayValue": \.displayValue,
        "isPreformatted": \.isPreformatted, "isTable": \.isTable, "tableHeaders": \.tableHeaders,
        "tableRows": \.tableRows, "hasTableRows": \.hasTableRows, "tableEmpty": \.tableEmpty,
        "isPlainReadOnly": \.isPlainReadOnly, "yourValue": \.yourValue, "hasYourValue": \.hasYourValue,
        "describedBy": \.describedBy, "hasDescribedBy": \.hasDescribedBy,
    ]
}
