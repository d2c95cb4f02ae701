"""What the admin's page editor posts when the editor changes nothing.

The browser builds StreamField inputs from JSON with JavaScript, so reading
the edit page's HTML gives no StreamField data; this builds the same data
from the edit form itself: every field, inline panel and StreamField block,
as Wagtail's own widgets would send it.
"""

import json

from django import forms
from wagtail import blocks
from wagtail.blocks.base import BlockWidget


def page_edit_data(page, user):
    """The edit form of the page's latest revision, as posted unchanged."""
    page = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=page.get_parent().specific, for_user=user)
    return form_data(form)


def form_data(form):
    data = {}
    for bound_field in form:
        _field_data(bound_field, data)
    for formset in getattr(form, "formsets", {}).values():
        for bound_field in formset.management_form:
            data[bound_field.html_name] = str(bound_field.value())
        for child in formset.forms:
            data.update(form_data(child))
    return data


def _field_data(bound_field, data):
    widget = bound_field.field.widget
    name = bound_field.html_name
    value = bound_field.value()
    if isinstance(widget, BlockWidget):
        block = widget.block_def
        _block_data(block, name, block.get_form_state(value), data)
    elif isinstance(widget, forms.CheckboxInput):
        if widget.check_test(value):
            data[name] = "on"
    elif isinstance(widget, forms.FileInput):
        return
    else:
        _put(data, name, widget.format_value(value), widget)


def _put(data, name, formatted, widget):
    if getattr(widget, "allow_multiple_selected", False):
        data[name] = [str(item) for item in formatted or []]
    elif isinstance(formatted, list):
        data[name] = str(formatted[0]) if formatted else ""
    else:
        data[name] = "" if formatted is None else str(formatted)


def _block_data(block, prefix, state, data):
    """A block's form state (the JSON the browser reads) as posted inputs."""
    if isinstance(block, (blocks.BaseStreamBlock, blocks.ListBlock)):
        children = state or []
        data[f"{prefix}-count"] = str(len(children))
        for index, child in enumerate(children):
            child_prefix = f"{prefix}-{index}"
            data[f"{child_prefix}-deleted"] = ""
            data[f"{child_prefix}-order"] = str(index)
            data[f"{child_prefix}-id"] = child.get("id") or ""
            if isinstance(block, blocks.ListBlock):
                child_block = block.child_block
            else:
                data[f"{child_prefix}-type"] = child["type"]
                child_block = block.child_blocks[child["type"]]
            _block_data(child_block, f"{child_prefix}-value", child["value"], data)
    elif isinstance(block, blocks.BaseStructBlock):
        for name, child_block in block.child_blocks.items():
            _block_data(child_block, f"{prefix}-{name}", (state or {}).get(name), data)
    elif isinstance(block, blocks.StaticBlock):
        return
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            data[prefix] = "on"
    elif isinstance(block, blocks.ChooserBlock) or isinstance(state, dict) and "id" in state:
        # A chooser: the browser posts the chosen object's key.
        data[prefix] = str(state["id"]) if state else ""
    elif isinstance(state, dict):
        # A table: its data as JSON.
        data[prefix] = json.dumps(state)
    else:
        _put(data, prefix, state, getattr(getattr(block, "field", None), "widget", None))


def page_form_errors(page, data, user):
    """What the edit form says about this data (for a failing test's message)."""
    page = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(data, instance=page, parent_page=page.get_parent().specific, for_user=user)
    form.is_valid()
    errors = dict(form.errors)
    for name, formset in form.formsets.items():
        if formset.errors or formset.non_form_errors():
            errors[name] = [formset.errors, formset.non_form_errors()]
    return errors
