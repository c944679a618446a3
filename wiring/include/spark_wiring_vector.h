// vdev wiring: spark::Vector<T>, the small growable array of the Particle API
// (used by LogCategoryFilters and BLE scans).
#ifndef SPARK_WIRING_VECTOR_H
#define SPARK_WIRING_VECTOR_H

#include <cstddef>
#include <cstdlib>
#include <initializer_list>
#include <new>
#include <utility>

namespace spark {

template <typename T>
class Vector {
public:
    Vector() : data_(nullptr), size_(0), cap_(0) {}
    explicit Vector(int n) : Vector() { resize(n); }
    Vector(int n, const T& value) : Vector()
    {
        for (int i = 0; i < n; i++)
            append(value);
    }
    Vector(const T* values, int n) : Vector()
    {
        for (int i = 0; i < n; i++)
            append(values[i]);
    }
    Vector(std::initializer_list<T> list) : Vector()
    {
        reserve((int)list.size());
        for (const T& v : list)
            append(v);
    }
    Vector(const Vector& other) : Vector()
    {
        reserve(other.size_);
        for (int i = 0; i < other.size_; i++)
            append(other.data_[i]);
    }
    Vector(Vector&& other) : data_(other.data_), size_(other.size_), cap_(other.cap_)
    {
        other.data_ = nullptr;
        other.size_ = other.cap_ = 0;
    }
    ~Vector()
    {
        if (data_) {
            for (int i = 0; i < size_; i++)
                data_[i].~T();
            std::free(data_);
        }
    }
    Vector& operator=(Vector other)
    {
        swap(other);
        return *this;
    }
    void swap(Vector& o)
    {
        std::swap(data_, o.data_);
        std::swap(size_, o.size_);
        std::swap(cap_, o.cap_);
    }

    bool append(const T& v) { return insert(size_, v); }
    bool append(T&& v) { return insert(size_, std::move(v)); }
    bool append(int n, const T& v)
    {
        for (int i = 0; i < n; i++)
            if (!append(v))
                return false;
        return true;
    }
    bool append(const Vector& v)
    {
        for (int i = 0; i < v.size(); i++)
            if (!append(v[i]))
                return false;
        return true;
    }
    bool prepend(const T& v) { return insert(0, v); }
    bool insert(int i, const T& v)
    {
        T copy(v);
        return insert(i, std::move(copy));
    }
    bool insert(int i, T&& v)
    {
        if (i < 0 || i > size_ || !reserve(size_ + 1))
            return false;
        new (&data_[size_]) T();
        for (int k = size_; k > i; k--)
            data_[k] = std::move(data_[k - 1]);
        data_[i] = std::move(v);
        size_++;
        return true;
    }
    void removeAt(int i, int n = 1)
    {
        if (i < 0 || n <= 0 || i >= size_)
            return;
        if (n > size_ - i)
            n = size_ - i;
        for (int k = i; k + n < size_; k++)
            data_[k] = std::move(data_[k + n]);
        for (int k = size_ - n; k < size_; k++)
            data_[k].~T();
        size_ -= n;
    }
    bool removeOne(const T& v)
    {
        int i = indexOf(v);
        if (i < 0)
            return false;
        removeAt(i);
        return true;
    }
    int removeAll(const T& v)
    {
        int n = 0;
        while (removeOne(v))
            n++;
        return n;
    }
    T takeFirst()
    {
        T v = std::move(data_[0]);
        removeAt(0);
        return v;
    }
    T takeLast()
    {
        T v = std::move(data_[size_ - 1]);
        removeAt(size_ - 1);
        return v;
    }
    int indexOf(const T& v, int from = 0) const
    {
        for (int i = from; i < size_; i++)
            if (data_[i] == v)
                return i;
        return -1;
    }
    bool contains(const T& v) const { return indexOf(v) >= 0; }
    bool resize(int n)
    {
        if (n < 0 || !reserve(n))
            return false;
        if (!data_)
            return true;
        while (size_ < n)
            new (&data_[size_++]) T();
        while (size_ > n)
            data_[--size_].~T();
        return true;
    }
    bool reserve(int n)
    {
        if (n <= cap_)
            return true;
        int ncap = cap_ ? cap_ * 2 : 4;
        if (ncap < n)
            ncap = n;
        T* nd = static_cast<T*>(std::malloc(sizeof(T) * (size_t)ncap));
        if (!nd)
            return false;
        for (int i = 0; i < size_; i++) {
            new (&nd[i]) T(std::move(data_[i]));
            data_[i].~T();
        }
        std::free(data_);
        data_ = nd;
        cap_ = ncap;
        return true;
    }
    void clear() { resize(0); }
    int size() const { return size_; }
    int capacity() const { return cap_; }
    bool isEmpty() const { return size_ == 0; }
    T& at(int i) { return data_[i]; }
    const T& at(int i) const { return data_[i]; }
    T& operator[](int i) { return data_[i]; }
    const T& operator[](int i) const { return data_[i]; }
    T& first() { return data_[0]; }
    const T& first() const { return data_[0]; }
    T& last() { return data_[size_ - 1]; }
    const T& last() const { return data_[size_ - 1]; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T* begin() { return data_; }
    T* end() { return data_ + size_; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }

private:
    T* data_;
    int size_, cap_;
};

} // namespace spark

#endif
